using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Skein.TenantSdk.Analyzers;

/// <summary>How the analyzers recognise the SDK's shapes: workflows, the step API, and code that runs inside a step.</summary>
internal static class SdkSymbols
{
    private const string SdkNamespace = "Skein.TenantSdk";

    /// <summary>Whether <paramref name="type"/> derives from <c>Skein.TenantSdk.Workflow&lt;TParams, TResult&gt;</c>.</summary>
    public static bool IsWorkflow(INamedTypeSymbol? type)
    {
        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition.MetadataName == "Workflow`2" && InSdk(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is <c>WorkflowStep</c> or derives from it (a test kit's step).</summary>
    public static bool IsWorkflowStep(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.MetadataName == "WorkflowStep" && InSdk(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A step API: a member of <c>WorkflowStep</c> whose first parameter is the step's name.</summary>
    public static bool IsStepApi(IMethodSymbol method) =>
        IsWorkflowStep(method.ContainingType) && method.Parameters.Length > 0
        && method.Parameters[0].Name == "name" && method.Parameters[0].Type.SpecialType == SpecialType.System_String;

    /// <summary>
    /// Whether <paramref name="node"/> is workflow code outside any step: inside a method of a workflow class that
    /// is given the <c>WorkflowStep</c> (RunAsync, or a helper it hands the step to), and not inside a callback passed
    /// to a step API (the step's body, its rollback handler).
    /// </summary>
    public static bool IsOutsideStep(SyntaxNode node, SemanticModel model, CancellationToken ct)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax lambda when IsStepCallback(lambda, model, ct):
                    return false;
                case BaseMethodDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax or TypeDeclarationSyntax:
                    return model.GetDeclaredSymbol(current, ct) is IMethodSymbol method
                        && IsWorkflow(method.ContainingType)
                        && method.Parameters.Any(p => IsWorkflowStep(p.Type));
            }
        }

        return false;
    }

    private static bool IsStepCallback(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken ct) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
        && model.GetSymbolInfo(invocation, ct).Symbol is IMethodSymbol method
        && IsWorkflowStep(method.ContainingType);

    private static bool InSdk(ISymbol symbol) => symbol.ContainingNamespace?.ToDisplayString() == SdkNamespace;
}
