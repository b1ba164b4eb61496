using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>As many steps as the params say, a one-minute sleep, then as many steps again.</summary>
[Workflow("steps-around-nap")]
internal sealed class StepsAroundNap : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        for (var i = 0; i < e.Payload; i++)
        {
            await step.Do("before", _ => Task.FromResult(i));
        }

        await step.Sleep("nap", TimeSpan.FromMinutes(1));
        for (var i = 0; i < e.Payload; i++)
        {
            await step.Do("after", _ => Task.FromResult(i));
        }

        return e.Payload;
    }
}

/// <summary>A step that fails at once, caught; a one-minute sleep; then a step reporting what was caught.</summary>
[Workflow("caught-failure")]
internal sealed class CaughtFailure : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        StepFailedException caught;
        try
        {
            await step.Do<int>("call", new StepConfig { Retries = RetryPolicy.None }, _ => throw new FormatException("not a date"));
            return "not failed";
        }
        catch (StepFailedException failed)
        {
            caught = failed;
        }

        await step.Sleep("nap", TimeSpan.FromMinutes(1));
        return await step.Do("report", _ => Task.FromResult($"{caught.ErrorName}|{caught.Message}"));
    }
}

/// <summary>A step with a rollback, then as many steps as the params say.</summary>
[Workflow("undoable-then-steps")]
internal sealed class UndoableThenSteps : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        await step.Do("reserve", null, _ => Task.FromResult(1), ctx =>
        {
            probe.Record($"undo {ctx.Name}");
            return Task.CompletedTask;
        });
        for (var i = 0; i < e.Payload; i++)
        {
            await step.Do("tick", _ => Task.FromResult(i));
        }

        return e.Payload;
    }
}

/// <summary>Returns, without a step, a string of as many characters as the params say.</summary>
[Workflow("sized-output")]
internal sealed class SizedOutput : Workflow<int, string>
{
    public override Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
        Task.FromResult(new string('x', e.Payload));
}

/// <summary>Calls a step without a body, a wait without options and a wait for a malformed event type; returns each call's error.</summary>
[Workflow("null-arguments")]
internal sealed class NullArguments : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var body = await ErrorOf(() => step.Do<int>("no-body", null!));
        var wait = await ErrorOf(() => step.WaitForEvent<string>("no-options", null!));
        var type = await ErrorOf(() => step.WaitForEvent<string>("bad-type", new WaitForEventOptions { Type = "order paid" }));
        return $"{body}|{wait}|{type}";
    }

    private static async Task<string> ErrorOf(Func<Task> call)
    {
        try
        {
            await call();
            return "none";
        }
        catch (Exception error)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }
}

/// <summary>A step returning 1,000 characters, a one-minute sleep, then a wait for a <c>go</c> event.</summary>
[Workflow("big-then-wait")]
internal sealed class BigThenWait : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var big = await step.Do("big", _ => Task.FromResult(new string('x', 1000)));
        await step.Sleep("nap", TimeSpan.FromMinutes(1));
        var go = await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go" });
        return go.Payload + big.Length;
    }
}

/// <summary>
/// Two branches. One waits for a <c>go</c> event, then runs step "x"; the other sleeps a minute, runs step "y" and waits
/// for an event that never comes. Replayed after the event, the first branch asks for "x" before the second has claimed
/// its logged calls.
/// </summary>
[Workflow("late-branch")]
internal sealed class LateBranch : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var x = XAsync(step);
        var y = YAsync(step);
        await Task.WhenAll(x, y);
        return x.Result + y.Result;
    }

    private static async Task<string> XAsync(WorkflowStep step)
    {
        var go = await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go" });
        return await step.Do("x", _ => Task.FromResult(go.Payload + "!"));
    }

    private static async Task<string> YAsync(WorkflowStep step)
    {
        await step.Sleep("nap", TimeSpan.FromMinutes(1));
        var y = await step.Do("y", _ => Task.FromResult("y"));
        await step.WaitForEvent<string>("never", new WaitForEventOptions { Type = "never" });
        return y;
    }
}

/// <summary>Records <c>run</c> each time its code starts from the top; a gated step, then a wait for a <c>go</c> event.</summary>
[Workflow("gate-then-event")]
internal sealed class GateThenEvent : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        probe.Record("run");
        await step.Do("before", async _ =>
        {
            await probe.Gate("before");
            return 1;
        });
        var go = await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go" });
        return go.Payload;
    }
}

/// <summary>A step and a one-minute sleep; with the probe's variant 1 (a changed deployment) the sleep is gone.</summary>
[Workflow("shortened")]
internal sealed class Shortened : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Do("a", _ => Task.FromResult(1));
        if (Probe.For(e.InstanceId).Variant == 0)
        {
            await step.Sleep("nap", TimeSpan.FromMinutes(1));
        }

        return "done";
    }
}

/// <summary>Returns the method, path and <c>id</c> route value of the HTTP request that started it.</summary>
[Workflow("triggered")]
internal sealed class Triggered : Workflow<Empty?, string>
{
    public override Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct) =>
        Task.FromResult($"{e.Request?.Method} {e.Request?.Path} {e.Request?.RouteValues["id"]}");
}

/// <summary>
/// Logs step "a" and a one-minute sleep. Changed deployments (the probe's variant) call differently at the same places:
/// 1 asks for a new step "n", then a sleep where the log holds step "a"; 2 asks for a sleep "a", then steps "b" and "c".
/// </summary>
[Workflow("reshaped")]
internal sealed class Reshaped : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        switch (Probe.For(e.InstanceId).Variant)
        {
            case 1:
                await Task.WhenAll(step.Do("n", _ => Task.FromResult(1)), step.Sleep("a", TimeSpan.FromMinutes(1)));
                break;
            case 2:
                await Task.WhenAll(step.Sleep("a", TimeSpan.FromMinutes(1)), step.Do("b", _ => Task.FromResult(1)),
                    step.Do("c", _ => Task.FromResult(1)));
                break;
            default:
                await step.Do("a", _ => Task.FromResult(1));
                await step.Sleep("nap", TimeSpan.FromMinutes(1));
                break;
        }

        return "done";
    }
}

/// <summary>Throws a <see cref="StepFailedException"/> of its own, with a message but no step error name.</summary>
[Workflow("own-step-failure")]
internal sealed class OwnStepFailure : Workflow<Empty?, string>
{
    public override Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct) =>
        throw new StepFailedException("gave up on the order");
}
