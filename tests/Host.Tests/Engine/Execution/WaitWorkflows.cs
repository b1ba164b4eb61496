using System.Globalization;
using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>
/// Waits up to an hour for a <c>go</c> event, then sleeps a minute; returns when the event arrived, or the message of
/// the wait's timeout.
/// </summary>
[Workflow("event-then-nap")]
internal sealed class EventThenNap : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        string seen;
        try
        {
            var go = await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go", Timeout = TimeSpan.FromHours(1) });
            seen = go.Timestamp.ToString("O", CultureInfo.InvariantCulture);
        }
        catch (WorkflowTimeoutException timedOut)
        {
            seen = timedOut.Message;
        }

        await step.Sleep("nap", TimeSpan.FromMinutes(1));
        return seen;
    }
}

/// <summary>A sleep of no time at all, then a step.</summary>
[Workflow("zero-sleep")]
internal sealed class ZeroSleep : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Sleep("now", TimeSpan.Zero);
        return await step.Do("after", _ => Task.FromResult("done"));
    }
}
