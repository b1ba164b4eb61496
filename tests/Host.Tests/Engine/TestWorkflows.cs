using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

internal sealed record Empty;

/// <summary>Three steps in a row; each records its side effect.</summary>
[Workflow("three-steps")]
internal sealed class ThreeSteps : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        var a = await step.Do("a", _ => { probe.Record("a"); return Task.FromResult("A"); });
        var b = await step.Do("b", _ => { probe.Record("b"); return Task.FromResult("B"); });
        var c = await step.Do("c", _ => { probe.Record("c"); return Task.FromResult("C"); });
        return a + b + c;
    }
}

internal sealed record RetryParams(int Limit, int DelayMs, Backoff Backoff, bool NonRetryable = false, bool Catch = false,
    bool OwnTimeout = false);

/// <summary>A step that fails as often as the probe says, with the retry policy from the params.</summary>
[Workflow("flaky")]
internal sealed class Flaky : Workflow<RetryParams, string>
{
    /// <summary>Starts an instance (id <paramref name="prefix"/>-guid) whose step fails its first <paramref name="failures"/> attempts.</summary>
    public static async Task<string> StartAsync(TestEngine t, string prefix, int failures, RetryParams parameters)
    {
        var id = $"{prefix}-{Guid.NewGuid():n}";
        Probe.For(id).FailuresLeft["call"] = failures;
        await t.CreateAsync("flaky", parameters, id);
        return id;
    }

    public override async Task<string> RunAsync(WorkflowEvent<RetryParams> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        var config = new StepConfig { Retries = new RetryPolicy(e.Payload.Limit, TimeSpan.FromMilliseconds(e.Payload.DelayMs), e.Payload.Backoff) };
        try
        {
            return await step.Do("call", config, ctx =>
            {
                probe.Record($"call#{ctx.Attempt}");
                probe.Record($"key {ctx.IdempotencyKey}");
                if (probe.FailuresLeft.AddOrUpdate("call", 0, (_, n) => n - 1) >= 0)
                {
                    throw e.Payload switch
                    {
                        { NonRetryable: true } => new NonRetryableException("card declined"),
                        // What an HTTP client or a driver throws for its own deadline, well inside the step's.
                        { OwnTimeout: true } => new TimeoutException($"the gateway did not answer {ctx.Attempt}"),
                        _ => new InvalidOperationException($"boom {ctx.Attempt}"),
                    };
                }

                return Task.FromResult("ok");
            });
        }
        catch (StepFailedException failed) when (e.Payload.Catch)
        {
            return await step.Do("fallback", _ => Task.FromResult($"caught {failed.ErrorName}: {failed.Message}"));
        }
    }
}

/// <summary>Waits for an "approval" event (with the timeout from the params) and returns who approved.</summary>
[Workflow("approval")]
internal sealed class Approval : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Do("before", _ => Task.FromResult(1));
        try
        {
            var first = await step.WaitForEvent<string>("first", new WaitForEventOptions { Type = "approval", Timeout = TimeSpan.FromMinutes(e.Payload) });
            var second = await step.WaitForEvent<string>("second", new WaitForEventOptions { Type = "approval", Timeout = TimeSpan.FromMinutes(e.Payload) });
            return $"{first.Payload},{second.Payload}";
        }
        catch (WorkflowTimeoutException)
        {
            var late = await step.WaitForEvent<string>("late", new WaitForEventOptions { Type = "approval", Timeout = TimeSpan.FromHours(1) });
            return $"timed out, then {late.Payload}";
        }
    }
}

/// <summary>A step, a sleep of the given minutes, a step.</summary>
[Workflow("sleeper")]
internal sealed class Sleeper : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        await step.Do("before", _ => { probe.Record("before"); return Task.FromResult(1); });
        switch (probe.Variant)
        {
            case 2: // The same name, another kind.
                await step.Do("nap", _ => Task.FromResult(0));
                break;
            case 3: // Another step where the log holds the sleep.
                await step.Do("other", _ => Task.FromResult(0));
                break;
            default:
                await step.Sleep("nap", TimeSpan.FromMinutes(e.Payload));
                break;
        }

        await step.Do("after", _ => { probe.Record("after"); return Task.FromResult(2); });
        return "rested";
    }
}

/// <summary>A step whose body waits on the probe's "body" gate (honouring cancellation), then a step "done".</summary>
[Workflow("gated")]
internal sealed class Gated : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        await step.Do("slow", async ctx =>
        {
            try
            {
                await probe.Gate("body", ctx.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                probe.Record("cancelled");
                throw;
            }

            probe.Record("slow");
            return 1;
        });
        await step.Do("done", _ => { probe.Record("done"); return Task.FromResult(2); });
        return "finished";
    }
}

/// <summary>Steps in parallel with Task.WhenAll, then one after.</summary>
[Workflow("fan-out")]
internal sealed class FanOut : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        var parts = await Task.WhenAll(Enumerable.Range(0, e.Payload).Select(i =>
            step.Do("part", async _ =>
            {
                probe.Record($"part{i}");
                await Task.Yield();
                return i * i;
            })));
        return await step.Do("sum", _ => Task.FromResult(parts.Sum()));
    }
}

/// <summary>Three steps with rollback handlers, then a failing step (unless the probe's variant is 1: then it waits for an event).</summary>
[Workflow("saga")]
internal sealed class Saga : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        foreach (var name in new[] { "reserve", "charge", "ship" })
        {
            await step.Do(name, null, _ => Task.FromResult(name.ToUpperInvariant()), ctx =>
            {
                probe.Record($"undo {ctx.Name} {ctx.Output} {ctx.ErrorName}");
                return Task.CompletedTask;
            });
        }

        if (probe.Variant == 1)
        {
            await step.WaitForEvent<string>("hold", new WaitForEventOptions { Type = "go" });
        }

        await step.Do("confirm", new StepConfig { Retries = RetryPolicy.None }, _ => throw new InvalidOperationException("confirmation failed"));
        return "never";
    }
}

/// <summary>Runs as many steps as the params say (to hit the step limit), or returns a result of that many bytes.</summary>
[Workflow("big")]
internal sealed class Big : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        if (e.Payload < 0)
        {
            try
            {
                await step.Do("huge", _ => Task.FromResult(new string('x', -e.Payload)));
            }
            catch (StepFailedException failed)
            {
                return await step.Do("report", _ => Task.FromResult(failed.Message.Length));
            }
        }

        for (var i = 0; i < e.Payload; i++)
        {
            await step.Do("tick", _ => Task.FromResult(i));
        }

        return e.Payload;
    }
}
