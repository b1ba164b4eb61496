using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>Sleeps for the given number of ticks (ticks, so that <see cref="TimeSpan.MaxValue"/> can be asked for).</summary>
[Workflow("long-sleep")]
internal sealed class LongSleep : Workflow<long, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<long> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Sleep("nap", TimeSpan.FromTicks(e.Payload));
        return "woke";
    }
}

/// <summary>Sleeps until the given instant.</summary>
[Workflow("sleep-until")]
internal sealed class SleepUntilInstant : Workflow<DateTimeOffset, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<DateTimeOffset> e, WorkflowStep step, CancellationToken ct)
    {
        await step.SleepUntil("until", e.Payload);
        return "woke";
    }
}

/// <summary>Waits for a "go" event with a timeout of the given ticks; a timeout is returned, not thrown.</summary>
[Workflow("long-event-wait")]
internal sealed class LongEventWait : Workflow<long, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<long> e, WorkflowStep step, CancellationToken ct)
    {
        try
        {
            var go = await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go", Timeout = TimeSpan.FromTicks(e.Payload) });
            return go.Payload;
        }
        catch (WorkflowTimeoutException)
        {
            return "timed out";
        }
    }
}

/// <summary>A step that never finishes by itself, with a per-attempt timeout of the given ticks and no retries.</summary>
[Workflow("long-step-timeout")]
internal sealed class LongStepTimeout : Workflow<long, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<long> e, WorkflowStep step, CancellationToken ct)
    {
        var config = new StepConfig { Retries = RetryPolicy.None, Timeout = TimeSpan.FromTicks(e.Payload) };
        try
        {
            return await step.Do("slow", config, async ctx =>
            {
                Probe.For(e.InstanceId).Record("started");
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return "finished";
            });
        }
        catch (StepFailedException failed)
        {
            return failed.ErrorName;
        }
    }
}

internal sealed record LongRetryParams(int Limit, long DelayTicks, Backoff Backoff, int Failures);

/// <summary>A step that fails <see cref="LongRetryParams.Failures"/> times, retried with the given policy.</summary>
[Workflow("long-retry")]
internal sealed class LongRetry : Workflow<LongRetryParams, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<LongRetryParams> e, WorkflowStep step, CancellationToken ct)
    {
        var p = e.Payload;
        var config = new StepConfig { Retries = new RetryPolicy(p.Limit, TimeSpan.FromTicks(p.DelayTicks), p.Backoff) };
        return await step.Do("call", config, ctx => ctx.Attempt <= p.Failures
            ? throw new InvalidOperationException($"boom {ctx.Attempt}")
            : Task.FromResult("ok"));
    }
}
