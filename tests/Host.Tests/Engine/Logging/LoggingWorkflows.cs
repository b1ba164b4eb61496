using Microsoft.Extensions.Logging;
using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Logging;

/// <summary>
/// Logs in a step that fails its first attempt, outside steps before and after a sleep (so the code before the sleep
/// runs again when the instance replays), and in a last step.
/// </summary>
[Workflow("logs-across-replay")]
internal sealed class LogsAcrossReplay : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        step.Logger.LogInformation("starting with {Value}", e.Payload);
        await step.Do("charge", new StepConfig { Retries = new RetryPolicy(1, TimeSpan.FromSeconds(1), Backoff.Constant) }, ctx =>
        {
            ctx.Logger.LogInformation("charging, attempt {Attempt}", ctx.Attempt);
            return ctx.Attempt == 1 ? throw new InvalidOperationException("declined") : Task.FromResult(1);
        });
        step.Logger.LogWarning("sleeping");
        await step.Sleep("cool-off", TimeSpan.FromMinutes(1));
        step.Logger.LogInformation("awake");
        return await step.Do("ship", ctx =>
        {
            ctx.Logger.LogError("shipped");
            return Task.FromResult("done");
        });
    }
}

/// <summary>A step that logs as many lines as the params say, each as long as asked.</summary>
[Workflow("chatty")]
internal sealed class Chatty : Workflow<ChattyParams, int>
{
    public override Task<int> RunAsync(WorkflowEvent<ChattyParams> e, WorkflowStep step, CancellationToken ct) =>
        step.Do("talk", ctx =>
        {
            for (var i = 1; i <= e.Payload.Lines; i++)
            {
                ctx.Logger.LogInformation("{Number} {Text}", i, new string('x', e.Payload.Length));
            }

            return Task.FromResult(e.Payload.Lines);
        });
}

internal sealed record ChattyParams(int Lines, int Length = 1);

/// <summary>Logs outside steps just before it returns or throws: its last turn.</summary>
[Workflow("last-words")]
internal sealed class LastWords : Workflow<bool, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<bool> e, WorkflowStep step, CancellationToken ct)
    {
        var value = await step.Do("a", ctx => Task.FromResult(1));
        step.Logger.LogInformation("bye");
        return e.Payload ? throw new InvalidOperationException("no") : value;
    }
}

/// <summary>A line outside steps, then a step whose body logs and ends at once, the given number of times.</summary>
[Workflow("line-then-step")]
internal sealed class LineThenStep : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        for (var i = 0; i < e.Payload; i++)
        {
            step.Logger.LogInformation("before {I}", i);
            await step.Do($"s{i}", ctx =>
            {
                ctx.Logger.LogInformation("in {I}", i);
                return Task.FromResult(i);
            });
        }

        return e.Payload;
    }
}

/// <summary>Starts a step that waits on the probe's "body" gate, logs a line outside steps while it runs, then awaits it.</summary>
[Workflow("line-while-step-runs")]
internal sealed class LineWhileStepRuns : Workflow<Empty?, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        var running = step.Do("slow", async _ =>
        {
            await probe.Gate("body");
            return 1;
        });
        step.Logger.LogInformation("waiting for the slow step");
        return await running;
    }
}
