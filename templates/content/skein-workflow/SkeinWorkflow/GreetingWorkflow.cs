using Skein.TenantSdk;

namespace SkeinWorkflow;

public sealed record GreetingParams(string Name, int Times = 1);

public sealed record GreetingResult(string Greeting, int Attempts);

/// <summary>
/// A sample workflow: a durable step (retried on failure), a durable sleep, and a result. Code outside steps must be
/// deterministic: the analyzers refuse DateTime.UtcNow, Guid.NewGuid, Random and the like there.
/// </summary>
[Workflow("greeting")]
public sealed class GreetingWorkflow : Workflow<GreetingParams, GreetingResult>
{
    public override async Task<GreetingResult> RunAsync(WorkflowEvent<GreetingParams> e, WorkflowStep step, CancellationToken ct)
    {
        var greeting = await step.Do("greet",
            new StepConfig { Retries = new RetryPolicy(3, TimeSpan.FromSeconds(1), Backoff.Exponential) },
            ctx => Task.FromResult(string.Join(" ", Enumerable.Repeat($"Hello, {e.Payload.Name}!", e.Payload.Times))));
        await step.Sleep("pause", TimeSpan.FromMilliseconds(100));
        var attempts = await step.Do("count", ctx => Task.FromResult(ctx.Attempt));
        return new GreetingResult(greeting, attempts);
    }
}
