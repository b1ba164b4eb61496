using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>A step with no config whose every attempt fails: it runs under the default retry policy.</summary>
[Workflow("default-retries")]
internal sealed class DefaultRetries : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Do<int>("call", ctx => throw new InvalidOperationException("boom " + ctx.Attempt));
        return "unreachable";
    }
}

/// <summary>A wait with no timeout set: it runs under the default wait timeout.</summary>
[Workflow("default-wait")]
internal sealed class DefaultWait : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        try
        {
            await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go" });
            return "event";
        }
        catch (WorkflowTimeoutException)
        {
            return "timed out";
        }
    }
}
