using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Skein.TenantSdk.CodeFixes;

/// <summary>
/// SKEIN001's fix: moves the non-deterministic expression into a step, so its value is logged once and replayed:
/// <c>DateTime.UtcNow</c> becomes <c>(await step.Do("utc-now", ctx =&gt; Task.FromResult(DateTime.UtcNow)))</c>, and a
/// task (<c>Task.Delay(…)</c>) becomes <c>step.Do("delay", ctx =&gt; Task.Delay(…))</c>. Offered for values a step can
/// log (clock readings, ids, numbers, tasks), in an async method that has the step.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInStepCodeFix)), Shared]
public sealed class WrapInStepCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["SKEIN001"];

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax expression || model is null)
        {
            return;
        }

        expression = Outermost(expression, context.Span);
        if (StepWrapping.Plan(expression, model, context.CancellationToken) is not { } plan)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create($"Run in a step (step.Do(\"{plan.StepName}\", …))",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(expression, plan.Replacement))),
                equivalenceKey: nameof(WrapInStepCodeFix)),
            context.Diagnostics);
    }

    private static ExpressionSyntax Outermost(ExpressionSyntax expression, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        while (expression.Parent is ExpressionSyntax parent && parent.Span == span)
        {
            expression = parent;
        }

        return expression;
    }
}
