using Microsoft.Extensions.Logging;
using Skein.Host.Engine.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Lines workflow code logs outside steps (<see cref="TenantSdk.WorkflowStep.Logger"/>). The code runs again on every
/// replay, so a line written while the execution replays was kept when the code first ran live and is dropped; a line
/// written live is appended to the log (fenced like every write of the run; lines of one turn of the workflow share
/// a write) and mirrored to the host's log.
/// </summary>
internal sealed partial class WorkflowExecution
{
    private readonly List<LogLine> _codeLines = [];
    private WorkflowCodeLogger? _codeLogger;

    public ILogger CodeLogger => _codeLogger ??= new WorkflowCodeLogger(OnCodeLine);

    private void OnCodeLine(LogLevel level, string message)
    {
        if (TaskScheduler.Current != Scheduler)
        {
            // Workflow code that escaped the scheduler (ConfigureAwait(false)): the state is read on it, in order.
            _ = Scheduler.Run(() =>
            {
                OnCodeLine(level, message);
                return Task.CompletedTask;
            });
            return;
        }

        if (State is ExecutionState.Replaying or ExecutionState.Ended)
        {
            return;
        }

        _codeLines.Add(new LogLine(Now, level, message));
        _tenant.LogMirror.Write(Id, level, message);
        if (_codeLines.Count == 1)
        {
            Background(FlushCodeLinesAsync);
        }
    }

    /// <summary>
    /// Queues the lines not written yet ahead of a new durable call's first write. The call can queue its write within
    /// this very turn (a step body that had ended by the time its task was awaited), ahead of the flush that waits for
    /// the turn to end, and the log would then hold a line after the step it was logged before.
    /// </summary>
    private void QueueCodeLines()
    {
        if (_codeLines.Count > 0)
        {
            // The write is queued before the first await of WriteCodeLinesAsync, so before anything the call queues.
            Background(WriteCodeLinesAsync);
        }
    }

    private async Task FlushCodeLinesAsync()
    {
        // After the workflow's current turn: the lines it writes before its next await go in the same write.
        await Task.Yield();
        await WriteCodeLinesAsync();
    }

    /// <summary>
    /// Appends the lines not written yet. The end of the run calls it before writing its end, which fences every
    /// later write: the lines of the workflow's last turn are not lost to it.
    /// </summary>
    private async Task WriteCodeLinesAsync()
    {
        if (_codeLines.Count == 0)
        {
            return;
        }

        var lines = _codeLines.ToList();
        _codeLines.Clear();
        await Log.AppendLogsAsync(Id, Generation, lines);
    }
}
