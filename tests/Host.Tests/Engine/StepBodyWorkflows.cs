using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A step whose body blocks its thread (no await) until the attempt's token is cancelled, with a per-attempt timeout
/// of the given ticks and no retries: only a deadline kept outside the body can end the attempt.
/// </summary>
[Workflow("blocking-step-timeout")]
internal sealed class BlockingStepTimeout : Workflow<long, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<long> e, WorkflowStep step, CancellationToken ct)
    {
        var config = new StepConfig { Retries = RetryPolicy.None, Timeout = TimeSpan.FromTicks(e.Payload) };
        try
        {
            return await step.Do("blocking", config, ctx =>
            {
                Probe.For(e.InstanceId).Record("started");
                ctx.CancellationToken.WaitHandle.WaitOne();
                return Task.FromResult("finished");
            });
        }
        catch (StepFailedException failed)
        {
            return failed.ErrorName;
        }
    }
}

/// <summary>A step whose body blocks its thread until the test sets the instance's "release" event.</summary>
[Workflow("blocking-body")]
internal sealed class BlockingBody : Workflow<object?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Do("first", _ => Task.FromResult(1));
        return await step.Do("blocks", _ =>
        {
            Probe.For(e.InstanceId).Record("blocking");
            BlockingBodies.Release(e.InstanceId).Wait();
            return Task.FromResult("released");
        });
    }
}

/// <summary>Runs the given number of steps whose bodies end at once.</summary>
[Workflow("quick-steps")]
internal sealed class QuickSteps : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var sum = 0;
        for (var i = 0; i < e.Payload; i++)
        {
            var value = i;
            sum += await step.Do("quick", _ => Task.FromResult(value));
        }

        return sum;
    }
}

/// <summary>The events <see cref="BlockingBody"/> instances block on, by instance id.</summary>
internal static class BlockingBodies
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ManualResetEventSlim> Events = new();

    public static ManualResetEventSlim Release(string instanceId) => Events.GetOrAdd(instanceId, _ => new ManualResetEventSlim());
}
