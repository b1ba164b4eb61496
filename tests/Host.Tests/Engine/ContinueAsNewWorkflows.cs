using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>The state a looping workflow carries from run to run.</summary>
internal sealed record LoopState(int Run, int Until, string Carried = "", int PauseAt = 0);

/// <summary>
/// One step per run (its result padded, as real results are), then continues as new until run <see cref="LoopState.Until"/>;
/// at run <see cref="LoopState.PauseAt"/> it first waits for a "go" event, so a test can look at the log mid-loop.
/// </summary>
[Workflow("loop")]
internal sealed class Loop : Workflow<LoopState, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<LoopState> e, WorkflowStep step, CancellationToken ct)
    {
        var state = e.Payload;
        if (state.Run == state.PauseAt)
        {
            await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go", Timeout = TimeSpan.FromDays(1) });
        }

        var work = await step.Do("work", _ => Task.FromResult($"run {state.Run} " + new string('x', 300)));
        if (state.Run < state.Until)
        {
            throw step.ContinueAsNew(state with { Run = state.Run + 1, Carried = work[..6] });
        }

        return $"{state.Run} runs, last carried \"{state.Carried}\"";
    }
}

/// <summary>
/// Run 1 holds at a gate, takes one "msg" event and continues with it; run 2 takes the next "msg" event and returns both.
/// </summary>
[Workflow("inbox")]
internal sealed class Inbox : Workflow<LoopState, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<LoopState> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        if (e.Payload.Run == 1)
        {
            await step.Do("hold", async _ => { await probe.Gate("hold"); return 1; });
        }

        var message = await step.WaitForEvent<string>("take", new WaitForEventOptions { Type = "msg", Timeout = TimeSpan.FromDays(1) });
        if (e.Payload.Run == 1)
        {
            throw step.ContinueAsNew(e.Payload with { Run = 2, Carried = message.Payload });
        }

        return $"{e.Payload.Carried},{message.Payload}";
    }
}

/// <summary>Run 1: a gated step, then a continue; run 2 waits for an event that never comes.</summary>
[Workflow("continue-once")]
internal sealed class ContinueOnce : Workflow<LoopState, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<LoopState> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        if (e.Payload.Run == 1)
        {
            await step.Do("a", async _ => { await probe.Gate("a"); return 1; });
            throw step.ContinueAsNew(e.Payload with { Run = 2 });
        }

        probe.Record("run 2");
        var never = await step.WaitForEvent<string>("never", new WaitForEventOptions { Type = "never", Timeout = TimeSpan.FromDays(1) });
        return never.Payload;
    }
}

/// <summary>Continues in the ways that must not work: from a step's body, with params too large, with the wrong type.</summary>
[Workflow("bad-continue")]
internal sealed class BadContinue : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct)
    {
        switch (e.Payload)
        {
            case "in-step":
                await step.Do<int>("inside", StepConfig(), _ => throw step.ContinueAsNew("again"));
                return "not reached";
            case "too-large":
                throw step.ContinueAsNew(new string('x', 2 * 1024 * 1024));
            default:
                throw step.ContinueAsNew(42);
        }
    }

    private static StepConfig StepConfig() => new() { Retries = new RetryPolicy(3, TimeSpan.FromSeconds(1)) };
}
