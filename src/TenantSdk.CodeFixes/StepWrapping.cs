using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Skein.TenantSdk.Analyzers;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Skein.TenantSdk.CodeFixes;

/// <summary>How to put one expression into a step: the step's name and the expression that replaces it.</summary>
internal sealed record StepWrapping(string StepName, ExpressionSyntax Replacement)
{
    public static StepWrapping? Plan(ExpressionSyntax expression, SemanticModel model, CancellationToken ct)
    {
        var method = expression.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax);
        if (method is null || model.GetDeclaredSymbol(method, ct) is not IMethodSymbol symbol
            || symbol.Parameters.FirstOrDefault(p => SdkSymbols.IsWorkflowStep(p.Type)) is not { } step
            || model.GetTypeInfo(expression, ct).Type is not { } type)
        {
            return null;
        }

        var isTask = type is INamedTypeSymbol { Name: "Task", ContainingNamespace: { } ns } && ns.ToDisplayString() == "System.Threading.Tasks";
        if (!isTask && !(symbol.IsAsync && IsLoggable(type)))
        {
            return null;
        }

        var name = UniqueName(method, BaseName(expression, model, ct));
        var body = isTask
            ? expression.WithoutTrivia()
            : InvocationExpression(ParseExpression("Task.FromResult"), ArgumentList(SingletonSeparatedList(Argument(expression.WithoutTrivia()))));
        var call = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(step.Name), IdentifierName("Do")),
            ArgumentList(SeparatedList([
                Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(name))),
                Argument(SimpleLambdaExpression(Parameter(Identifier("ctx")), body)),
            ])));
        ExpressionSyntax replacement = isTask ? call : ParenthesizedExpression(AwaitExpression(call));
        return new StepWrapping(name, replacement.WithTriviaFrom(expression));
    }

    private static bool IsLoggable(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double
            or SpecialType.System_String or SpecialType.System_DateTime
        || type.ToDisplayString() is "System.DateTimeOffset" or "System.Guid" or "System.TimeSpan";

    /// <summary>"utc-now" for DateTime.UtcNow, "new-guid" for Guid.NewGuid(), "delay" for Task.Delay(…).</summary>
    private static string BaseName(ExpressionSyntax expression, SemanticModel model, CancellationToken ct)
    {
        var target = expression is InvocationExpressionSyntax invocation ? invocation.Expression : expression;
        var member = model.GetSymbolInfo(target, ct).Symbol?.Name ?? "value";
        var kebab = new System.Text.StringBuilder();
        foreach (var c in member)
        {
            if (char.IsUpper(c) && kebab.Length > 0)
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(c));
        }

        return kebab.ToString();
    }

    /// <summary>The name, or the name with a number, so it does not repeat a string literal already in the method.</summary>
    private static string UniqueName(SyntaxNode method, string name)
    {
        var used = new HashSet<string>(method.DescendantNodes().OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)).Select(l => l.Token.ValueText), StringComparer.Ordinal);
        var candidate = name;
        for (var n = 2; used.Contains(candidate); n++)
        {
            candidate = $"{name}-{n}";
        }

        return candidate;
    }
}
