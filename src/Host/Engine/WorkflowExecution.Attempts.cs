using System.Text.Json;
using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>Running a step's attempts with retries and timeouts, and running rollback handlers.</summary>
internal sealed partial class WorkflowExecution
{
    private async Task<T> ExecuteStepAsync<T>(string name, int count, int position, int firstAttempt, long? retryAt,
        long startedAt, RetryPolicy policy, TimeSpan timeout, Func<StepContext, Task<T>> action,
        Func<StepRollbackContext<T>, Task>? rollback)
    {
        using (InFlight())
        {
            var key = $"{Id}/{name}/{count}";
            for (var attempt = firstAttempt; ; attempt++)
            {
                if (retryAt is { } at && at > Now && !await DelayUntilAsync(at))
                {
                    break;
                }

                if (!_lifecycle.IsRunning)
                {
                    break;
                }

                var attemptStart = Now;
                var journaled = JournalAttemptStart(position, name, count, attempt, attemptStart);
                var lines = new Logging.AttemptLogger(_tenant.LogMirror, _tenant.Time, Id, name, count, attempt);
                var span = _trace.StartAttempt(name, count, attempt);
                var (value, output, error) = await RunAttemptAsync(new StepContext(name, count, attempt, key, _cancel.Token), timeout, action, lines);
                var logs = lines.Close();
                if (_cancel.IsCancellationRequested || State == ExecutionState.Ended)
                {
                    // Terminated while the attempt ran: its outcome is not recorded, and the step is held outside the
                    // busy count (below), so the idle check can go on to the termination's rollbacks.
                    Telemetry.RunTrace.StopAttempt(span, "cancelled", null, null);
                    break;
                }

                var now = Now;
                if (error is null)
                {
                    var done = new StepWrite(Id, Generation, position, StepKind.Step, name, count, StepStatus.Complete, startedAt,
                        Output: output, EndedAt: now, Attempt: new AttemptRow(position, attempt, attemptStart, now, true, null, null), Resume: TakeResume(),
                        Logs: logs);
                    var committed = await CommitAttemptAsync(done, now, journaled);
                    Telemetry.RunTrace.StopAttempt(span, Telemetry.AttemptOutcomes.Success, null, null);
                    if (!committed)
                    {
                        return await Never<T>();
                    }

                    Telemetry.SkeinInstruments.RecordAttempt(_tenant.TenantTag, Telemetry.AttemptOutcomes.Success);
                    _tenant.CountStep();
                    AddRollback(position, name, count, value!, rollback, timeout, alreadyRan: false);
                    return value!;
                }

                var (errorName, errorMessage, stack) = ErrorWithFrames(error);
                var failedAttempt = new AttemptRow(position, attempt, attemptStart, now, false, errorName, errorMessage, stack);
                // A result over the size limit would be as large at every attempt: it is not retried either.
                if (error is not (NonRetryableException or PayloadTooLargeException) && attempt <= policy.Limit)
                {
                    retryAt = now + (long)policy.DelayBefore(attempt).TotalMilliseconds;
                    var retrying = new StepWrite(Id, Generation, position, StepKind.Step, name, count, StepStatus.Retrying, startedAt,
                        ErrorName: errorName, ErrorMessage: errorMessage, WakeAt: retryAt, Attempt: failedAttempt, Resume: TakeResume(), Logs: logs);
                    var committed = await CommitAttemptAsync(retrying, now, journaled);
                    Telemetry.RunTrace.StopAttempt(span, Telemetry.AttemptOutcomes.Retry, error, $"{errorName}: {errorMessage}");
                    if (!committed)
                    {
                        return await Never<T>();
                    }

                    Telemetry.SkeinInstruments.RecordAttempt(_tenant.TenantTag, Telemetry.AttemptOutcomes.Retry);
                    continue;
                }

                var failed = new StepWrite(Id, Generation, position, StepKind.Step, name, count, StepStatus.Errored, startedAt,
                    ErrorName: errorName, ErrorMessage: errorMessage, EndedAt: now, Attempt: failedAttempt, Resume: TakeResume(), Logs: logs);
                var ended = await CommitAttemptAsync(failed, now, journaled);
                Telemetry.RunTrace.StopAttempt(span, Telemetry.AttemptOutcomes.Failure, error, $"{errorName}: {errorMessage}");
                if (!ended)
                {
                    return await Never<T>();
                }

                Telemetry.SkeinInstruments.RecordAttempt(_tenant.TenantTag, Telemetry.AttemptOutcomes.Failure);
                throw new StepFailedException(name, count, attempt, errorName, errorMessage);
            }
        }

        // Held outside the busy count: a step that may not go on (a pause or termination cut its retry delay
        // short) is no work in flight, so the idle check can settle the pause.
        return await Hold<T>();
    }

    /// <summary>Runs one attempt on the thread pool, bounded by the step's timeout.</summary>
    private async Task<(T? Value, string? Output, Exception? Error)> RunAttemptAsync<T>(StepContext context, TimeSpan timeout,
        Func<StepContext, Task<T>> action, Logging.AttemptLogger lines)
    {
        // Disposed when the attempt ends, so a call the step left running (or starts later) goes nowhere.
        using var resources = new AttemptResources(_tenant.Egress, _cancel.Token);
        var attemptContext = new StepContext(context.Name, context.Count, context.Attempt, context.IdempotencyKey, resources, lines);
        var deadline = _tenant.Time.DeadlineAfter(timeout);
        _tenant.Log.Work.EnterBody();
        using var body = StepBody<T>.Start(() => action(attemptContext), _tenant.Time, deadline, _cancel.Token);
        try
        {
            var value = await body.Outcome;
            var output = JsonSerializer.Serialize(value, _workflow.Json);
            if (JsonText.Utf8Bytes(output) is var bytes && bytes > _tenant.Limits.MaxPayloadBytes)
            {
                return (default, null, new PayloadTooLargeException(
                    $"The result of step \"{context.Name}\" is {bytes} bytes of JSON; the limit is {_tenant.Limits.MaxPayloadBytes}."));
            }

            Interlocked.Add(ref _heldBytes, 2L * output.Length + 64);
            return (value, output, null);
        }
        catch (TimeoutException reached) when (body.IsDeadline(reached) && !_cancel.IsCancellationRequested)
        {
            if (resources.TimeOut() is { } handedOut)
            {
                CancelTenantToken(handedOut);
            }
            return (default, null, new TimeoutException(
                $"Step \"{context.Name}\" attempt {context.Attempt} did not finish within its timeout of {timeout}."));
        }
        catch (ContinueAsNewException)
        {
            // Only the workflow's own code may continue the instance; inside a step it would continue at every retry.
            return (default, null, new NonRetryableException(
                $"Step \"{context.Name}\" threw ContinueAsNew from its body; throw it from the workflow's RunAsync instead."));
        }
        catch (Exception error)
        {
            return (default, null, error);
        }
        finally
        {
            // Here, back on the scheduler: the outcome is in the engine's hands (and counted) before the body is not.
            _tenant.Log.Work.ExitBody();
        }
    }

    /// <summary>Waits out a retry delay; false when a pause or termination cut it short.</summary>
    private async Task<bool> DelayUntilAsync(long atMs)
    {
        try
        {
            await _tenant.Time.WaitUntilAsync(atMs, _interrupt.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A step that may not go on now (pause or termination): a later execution replays it.</summary>
    private Task<T> Hold<T>()
    {
        _stepHeld = true;
        return Never<T>();
    }

    private void AddRollback<T>(int position, string name, int count, T output, Func<StepRollbackContext<T>, Task>? rollback,
        TimeSpan timeout, bool alreadyRan)
    {
        if (rollback is null)
        {
            return;
        }

        var key = $"{Id}/{name}/{count}";
        _rollbacks.Add(new RollbackEntry(position, name, alreadyRan, timeout, async (errorName, errorMessage, ct) =>
        {
            using var http = _tenant.Egress.CreateClient(ct);
            await rollback(new StepRollbackContext<T>(name, count, key, errorName, errorMessage, output, http, ct));
        }));
    }

    /// <summary>Runs the handlers of completed steps in reverse order of start, each once, recording each.</summary>
    private async Task RunRollbacksAsync(string? errorName, string? errorMessage)
    {
        foreach (var entry in _rollbacks.Where(r => !r.AlreadyRan).OrderByDescending(r => r.Position))
        {
            var status = StepStatus.Complete;
            string? error = null;
            _tenant.Log.Work.EnterBody();
            try
            {
                var deadline = _tenant.Time.DeadlineAfter(entry.Timeout);
                using var handler = StepBody<bool>.Start(async () =>
                {
                    await entry.Handler(errorName, errorMessage, CancellationToken.None);
                    return true;
                }, _tenant.Time, deadline, CancellationToken.None);
                await handler.Outcome;
            }
            catch (Exception failure)
            {
                status = StepStatus.Errored;
                error = $"{failure.GetType().Name}: {Logging.TenantFrames.Message(failure, Logging.TenantFrames.Of(failure, _workflow.Assembly))}";
            }
            finally
            {
                _tenant.Log.Work.ExitBody();
            }

            if (!await Log.WriteRollbackAsync(Id, Generation, entry.Position, status, error, Now))
            {
                return;
            }
        }
    }
}
