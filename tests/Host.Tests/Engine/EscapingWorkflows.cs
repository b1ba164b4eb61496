using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A step, then code that leaves the instance's scheduler (<c>ConfigureAwait(false)</c>, as library code often does)
/// before a sleep of the given minutes, then again before a last step.
/// </summary>
[Workflow("escaping-sleeper")]
internal sealed class EscapingSleeper : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        var before = await step.Do("before", _ => { probe.Record("before"); return Task.FromResult(1); }).ConfigureAwait(false);
        await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
        await step.Sleep("nap", TimeSpan.FromMinutes(e.Payload)).ConfigureAwait(false);
        await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
        var after = await step.Do("after", _ => { probe.Record("after"); return Task.FromResult(2); }).ConfigureAwait(false);
        return $"rested {before}+{after}";
    }
}

/// <summary>Leaves the instance's scheduler, then waits for an "approval" event and returns who approved.</summary>
[Workflow("escaping-approval")]
internal sealed class EscapingApproval : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
        var approved = await step.WaitForEvent<string>("approval",
            new WaitForEventOptions { Type = "approval", Timeout = TimeSpan.FromMinutes(e.Payload) }).ConfigureAwait(false);
        await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
        var done = await step.Do("done", _ => { Probe.For(e.InstanceId).Record("done"); return Task.FromResult(approved.Payload); })
            .ConfigureAwait(false);
        return $"approved by {done}";
    }
}
