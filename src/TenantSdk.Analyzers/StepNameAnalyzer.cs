using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Skein.TenantSdk.Analyzers;

/// <summary>SKEIN003: a step API (step.Do, Sleep, SleepUntil, WaitForEvent, RunWorkflow…) given a name that is not a constant.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StepNameAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.StepNameNotConstant];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!SdkSymbols.IsStepApi(invocation.TargetMethod))
        {
            return;
        }

        var name = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        if (name is not null && !name.Value.ConstantValue.HasValue)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StepNameNotConstant, name.Syntax.GetLocation(),
                "step." + invocation.TargetMethod.Name));
        }
    }
}
