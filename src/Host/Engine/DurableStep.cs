using Microsoft.Extensions.Logging;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>The <see cref="WorkflowStep"/> a workflow sees: every call goes to its execution.</summary>
internal sealed class DurableStep(WorkflowExecution execution) : WorkflowStep
{
    public override ILogger Logger => execution.CodeLogger;

    public override Task Sleep(string name, TimeSpan duration) =>
        OnScheduler(() => execution.Sleep(name, duration));

    public override Task SleepUntil(string name, DateTimeOffset until) =>
        OnScheduler(() => execution.SleepUntil(name, until));

    public override Task<WorkflowEventMessage<T>> WaitForEvent<T>(string name, WaitForEventOptions options) =>
        OnScheduler(() => execution.WaitForEvent<T>(name, options));

    public override Task<TResult> RunWorkflow<TParams, TResult>(string name, string workflowName, TParams parameters) =>
        OnScheduler(() => execution.RunWorkflow<TParams, TResult>(name, workflowName, parameters));

    internal override Task<T> RunStep<T>(string name, StepConfig? config, Func<StepContext, Task<T>> action,
        Func<StepRollbackContext<T>, Task>? rollback) =>
        OnScheduler(() => execution.RunStep(name, config, action, rollback));

    /// <summary>
    /// Workflow code that escaped the instance's scheduler (<c>ConfigureAwait(false)</c>) is brought back, so the
    /// execution's state is only ever touched in order.
    /// </summary>
    private Task OnScheduler(Func<Task> call) =>
        TaskScheduler.Current == execution.Scheduler ? call() : execution.Scheduler.Run(call);

    private Task<T> OnScheduler<T>(Func<Task<T>> call) =>
        TaskScheduler.Current == execution.Scheduler ? call() : execution.Scheduler.Run(call);
}
