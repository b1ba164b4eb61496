using System.Text.Json;
using Skein.Host.Engine.Replay;
using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>The durable operations: steps with retries, sleeps and event waits, replayed from the log.</summary>
internal sealed partial class WorkflowExecution
{
    public Task<T> RunStep<T>(string name, StepConfig? config, Func<StepContext, Task<T>> action,
        Func<StepRollbackContext<T>, Task>? rollback)
    {
        ArgumentNullException.ThrowIfNull(action);
        var policy = config?.Retries ?? RetryPolicy.Default;
        var timeout = config?.Timeout ?? StepConfig.DefaultTimeout;
        if (DurationLimits.Step(name, policy, timeout) is { } refused)
        {
            return Task.FromException<T>(refused);
        }

        var decision = Decide(_replay.Step(name, policy.Limit));
        var count = decision.Count;
        if (decision.Logged is not { } row)
        {
            if (++_stepCount > _tenant.Limits.MaxStepsPerInstance)
            {
                _fatal ??= new InvalidOperationException(
                    $"The instance asked for more than {_tenant.Limits.MaxStepsPerInstance} steps, the limit per instance.");
                return Never<T>();
            }

            return StartNew(ReplayMatcher.Describe(StepKind.Step, name, count), position =>
                ExecuteStepAsync(name, count, position, 1, null, Now, policy, timeout, action, rollback));
        }

        if (_fatal is not null)
        {
            return Never<T>();
        }

        _stepCount++;
        switch (decision.Action)
        {
            case ReplayAction.ReturnLogged:
                var value = JsonSerializer.Deserialize<T>(row.Output ?? "null", _workflow.Json)!;
                AddRollback(row.Position, name, count, value, rollback, timeout, row.RollbackStatus is not null);
                return Task.FromResult(value);
            case ReplayAction.ThrowLogged:
                return Task.FromException<T>(new StepFailedException(name, count, row.Attempts, row.ErrorName ?? "Error", row.ErrorMessage ?? ""));
            case ReplayAction.FailExhausted:
                return FailExhaustedStepAsync<T>(name, count, row);
            default:
                return ExecuteStepAsync(name, count, row.Position, decision.NextAttempt, row.WakeAt, row.StartedAt, policy, timeout, action, rollback);
        }
    }

    public Task Sleep(string name, TimeSpan duration) => DurationLimits.Sleep(name, duration) is { } refused
        ? Task.FromException(refused)
        : SleepCore(name, now => now + (long)duration.TotalMilliseconds);

    public Task SleepUntil(string name, DateTimeOffset until)
    {
        // Checked at the call, before the sleep is logged; a logged sleep keeps the instant it was given.
        if (DurationLimits.SleepUntil(name, until, Now) is { } refused)
        {
            return Task.FromException(refused);
        }

        var at = until.ToUnixTimeMilliseconds();
        return SleepCore(name, _ => at);
    }

    public Task<WorkflowEventMessage<T>> WaitForEvent<T>(string name, WaitForEventOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = options.Timeout ?? WaitForEventOptions.DefaultTimeout;
        if (!EventTypes.IsValid(options.Type))
        {
            return Task.FromException<WorkflowEventMessage<T>>(new ArgumentException(
                $"Wait \"{name}\": the event type must be 1–100 characters of letters, digits, '_', '-' or '.'."));
        }

        if (DurationLimits.EventTimeout(name, timeout) is { } refused)
        {
            return Task.FromException<WorkflowEventMessage<T>>(refused);
        }

        var decision = Decide(_replay.WaitForEvent(name));
        var count = decision.Count;
        if (decision.Logged is not { } row)
        {
            return StartNew(ReplayMatcher.Describe(StepKind.WaitForEvent, name, count), async position =>
            {
                var now = Now;
                var wakeAt = now + (long)timeout.TotalMilliseconds;
                var wait = new StepWrite(Id, Generation, position, StepKind.WaitForEvent, name, count, StepStatus.Waiting, now,
                    EventType: options.Type, WakeAt: wakeAt, Resume: TakeResume());
                _trace.Event("skein.wait", name, Telemetry.SkeinAttributes.EventType, options.Type);
                var outcome = await Tracked(Log.StartEventWaitAsync(wait, now));
                if (outcome.Fenced)
                {
                    return await Never<WorkflowEventMessage<T>>();
                }

                var result = outcome.Delivered
                    ? new WaitResult(StepStatus.Complete, outcome.Payload, null, now)
                    : await AwaitWait(position, wakeAt);
                return ToMessage<T>(options.Type, result);
            });
        }

        return _fatal is not null ? Never<WorkflowEventMessage<T>>() : ReplayWaitAsync<T>(options.Type, decision.Action, row);
    }

    private async Task<WorkflowEventMessage<T>> ReplayWaitAsync<T>(string type, ReplayAction action, StepRow row)
    {
        var result = action == ReplayAction.AwaitLogged
            ? await AwaitWait(row.Position, row.WakeAt ?? long.MaxValue)
            : new WaitResult(row.Status, row.Output, row.ErrorMessage, row.EndedAt ?? row.StartedAt);
        return ToMessage<T>(type, result);
    }

    private WorkflowEventMessage<T> ToMessage<T>(string type, WaitResult result) => result.Status == StepStatus.Complete
        ? new WorkflowEventMessage<T>(type, JsonSerializer.Deserialize<T>(result.Output ?? "null", _workflow.Json)!,
            DateTimeOffset.FromUnixTimeMilliseconds(result.EndedAt))
        : throw new WorkflowTimeoutException(result.ErrorMessage ?? $"No \"{type}\" event arrived in time.");

    private Task SleepCore(string name, Func<long, long> wakeAt)
    {
        var decision = Decide(_replay.Sleep(name));
        if (decision.Logged is not { } row)
        {
            return StartNew<object?>(ReplayMatcher.Describe(StepKind.Sleep, name, decision.Count), async position =>
            {
                var now = Now;
                var at = wakeAt(now);
                var due = at <= now;
                var sleep = new StepWrite(Id, Generation, position, StepKind.Sleep, name, decision.Count,
                    due ? StepStatus.Complete : StepStatus.Waiting, now, WakeAt: at, EndedAt: due ? now : null, Resume: TakeResume());
                if (!await Tracked(Log.WriteStepAsync(sleep, now)))
                {
                    return await Never<object?>();
                }

                if (_trace.Current is not null)
                {
                    _trace.Event("skein.sleep", name, Telemetry.SkeinAttributes.WakeAt,
                        DateTimeOffset.FromUnixTimeMilliseconds(at).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                }

                if (!due)
                {
                    await AwaitWait(position, at);
                }

                return null;
            });
        }

        if (_fatal is not null)
        {
            return Never<object?>();
        }

        return decision.Action == ReplayAction.AwaitLogged ? AwaitWait(row.Position, row.WakeAt ?? long.MaxValue) : Task.CompletedTask;
    }

    /// <summary>Blocks on a durable wait; its end comes from a timer, an event, or at once when already due.</summary>
    private Task<WaitResult> AwaitWait(int position, long wakeAt)
    {
        if (!_lifecycle.IsRunning)
        {
            // Pausing or terminating: the wait stays open in the log for whoever runs the instance next.
            return Never<WaitResult>();
        }

        var wait = new PendingWait(position, wakeAt);
        _waits[position] = wait;
        if (wakeAt <= Now)
        {
            Background(() => EndWaitAsync(wait));
        }
        else if (wakeAt != long.MaxValue)
        {
            // A child workflow's step has no timer: the child's end resolves it.
            _tenant.ScheduleTimer(Id, wakeAt);
        }

        return wait.Done.Task;
    }

    private async Task EndWaitAsync(PendingWait wait)
    {
        var row = await Log.EndWaitAsync(Id, Generation, wait.Position, Now);
        if (row is null)
        {
            return;
        }

        if (State == ExecutionState.Ended)
        {
            // The execution left while the wait was ending: the log moved on, so whoever runs next must replay it.
            _actor.WakeLater();
            return;
        }

        if (!_waits.Remove(wait.Position))
        {
            return;
        }

        _changes++;
        _trace.Event("skein.wake", row.Name, Telemetry.SkeinAttributes.StepStatus, StoredNames.Name(row.Status));
        wait.Done.TrySetResult(new WaitResult(row.Status, row.Output, row.ErrorMessage, row.EndedAt ?? Now));
    }

    /// <summary>
    /// Acts on what the log says of a call: every call may change what the workflow is blocked on; a mismatch makes the
    /// execution fail once the workflow blocks; replay catching up lets new steps start.
    /// </summary>
    private ReplayDecision Decide(ReplayDecision decision)
    {
        _changes++;
        if (decision.Action == ReplayAction.Mismatch)
        {
            _fatal ??= decision.Error;
        }
        else if (decision.CaughtUp && State == ExecutionState.Replaying)
        {
            ContinueRunning();
        }

        return decision;
    }

    /// <summary>
    /// Starts a step the log does not hold. While replay has not caught up with the log (or a pause or termination
    /// is under way) it waits: in parallel branches a logged step may still be asked for, and a new step that
    /// started first would be run twice under two positions.
    /// </summary>
    private Task<T> StartNew<T>(string description, Func<int, Task<T>> start)
    {
        if (_fatal is not null || State == ExecutionState.Ended)
        {
            return Never<T>();
        }

        if (State == ExecutionState.Running)
        {
            QueueCodeLines();
            return start(_replay.TakePosition());
        }

        var later = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Forward observes its own failure (it hands it to the workflow's task).
        _deferred.Add(new DeferredStart(description, () => _ = Forward(start(_replay.TakePosition()), later)));
        return later.Task;

        static async Task Forward(Task<T> task, TaskCompletionSource<T> target)
        {
            try
            {
                target.TrySetResult(await task);
            }
            catch (Exception error)
            {
                target.TrySetException(error);
            }
        }
    }

    private void ReleaseDeferred()
    {
        if (State != ExecutionState.Running || _fatal is not null)
        {
            return;
        }

        var starts = _deferred.ToList();
        _deferred.Clear();
        foreach (var start in starts)
        {
            start.Start();
        }
    }

    /// <summary>
    /// The task of a call that will never complete: the execution stopped for it (fenced, failed, pausing or
    /// terminating), so the workflow code stays blocked there and is collected with the execution; a later execution
    /// replays the instance from its log.
    /// </summary>
    private static Task<T> Never<T>() => new TaskCompletionSource<T>().Task;
}
