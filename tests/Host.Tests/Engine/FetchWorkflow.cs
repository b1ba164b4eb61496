using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

internal sealed record FetchParams(string Url, string? UndoUrl = null, bool FailAfter = false);

/// <summary>Fetches a URL with the step's client; its rollback calls another URL with the rollback's client.</summary>
[Workflow("fetch")]
internal sealed class FetchWorkflow : Workflow<FetchParams, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<FetchParams> e, WorkflowStep step, CancellationToken ct)
    {
        var once = new StepConfig { Retries = RetryPolicy.None };
        var body = await step.Do("fetch", once, ctx => ctx.Http.GetStringAsync(e.Payload.Url, ctx.CancellationToken), async undo =>
        {
            if (e.Payload.UndoUrl is { } url)
            {
                await undo.Http.GetStringAsync(url, undo.CancellationToken);
            }
        });
        if (e.Payload.FailAfter)
        {
            await step.Do("confirm", once, _ => Task.FromException<int>(new InvalidOperationException("confirmation failed")));
        }

        return body;
    }
}
