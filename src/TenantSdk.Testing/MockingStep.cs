using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Skein.TenantSdk.Testing;

/// <summary>
/// The engine's <see cref="WorkflowStep"/> with some step bodies replaced: every call still goes to the engine (logged,
/// retried, replayed as in a host); only the body a mocked step runs differs.
/// </summary>
internal sealed class MockingStep(WorkflowStep engine, StepMocks mocks, JsonSerializerOptions json) : WorkflowStep
{
    public override ILogger Logger => engine.Logger;

    public override Task Sleep(string name, TimeSpan duration) => engine.Sleep(name, duration);

    public override Task SleepUntil(string name, DateTimeOffset until) => engine.SleepUntil(name, until);

    public override Task<WorkflowEventMessage<T>> WaitForEvent<T>(string name, WaitForEventOptions options) =>
        engine.WaitForEvent<T>(name, options);

    public override Task<TResult> RunWorkflow<TParams, TResult>(string name, string workflowName, TParams parameters) =>
        engine.RunWorkflow<TParams, TResult>(name, workflowName, parameters);

    internal override Task<T> RunStep<T>(string name, StepConfig? config, Func<StepContext, Task<T>> action,
        Func<StepRollbackContext<T>, Task>? rollback)
    {
        var body = action;
        if (mocks.TryGetResult(name, out var result))
        {
            var value = Convert<T>(result);
            body = _ => Task.FromResult(value);
        }

        var failures = mocks.FailuresOf(name);
        if (failures > 0)
        {
            var next = body;
            body = ctx => ctx.Attempt <= failures
                ? throw new StepMockException($"Step \"{name}\" failed by the test (attempt {ctx.Attempt} of the first {failures}).")
                : next(ctx);
        }

        return engine.RunStep(name, config, body, rollback);
    }

    // A mock given as another type (an anonymous object, a JSON node) becomes T as the engine would store and read it.
    private T Convert<T>(object? result) => result is T typed
        ? typed
        : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(result, json), json)!;
}
