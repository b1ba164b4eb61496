using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Skein.TenantSdk.Analyzers;

/// <summary>SKEIN001: a clock, random number, new id or timer read by workflow code outside a step.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NonDeterministicApiAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.NonDeterministicApi];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze, OperationKind.Invocation, OperationKind.ObjectCreation,
            OperationKind.PropertyReference, OperationKind.MethodReference);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        ISymbol? member = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IPropertyReferenceOperation property => property.Property,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        if (member is null || NonDeterministicApis.Describe(member) is not { } api)
        {
            return;
        }

        var syntax = context.Operation.Syntax;
        if (SdkSymbols.IsOutsideStep(syntax, context.Operation.SemanticModel!, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NonDeterministicApi, syntax.GetLocation(), api));
        }
    }
}
