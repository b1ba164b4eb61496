namespace Skein.Host.Storage;

/// <summary>When the log's files are open: every read and write is a use, so <see cref="OpenTenantLogs"/> can close idle logs.</summary>
internal sealed partial class TenantLog
{
    internal OpenLogSlot Slot { get; } = new();

    /// <summary>Closes the log's files: the writer thread stops (it has nothing queued) and pooled connections close.</summary>
    internal void CloseFiles()
    {
        _writer.Quiesce();
        ClearPool();
    }

    private void ClearPool() => SqliteDatabase.ClearPool(Path);

    /// <summary>A read's use of the log, from opening its connection to disposing it.</summary>
    private Use BeginUse()
    {
        _openLogs?.Enter(this);
        return new Use(this);
    }

    /// <summary>A write's use of the log lasts from queueing it until its transaction committed or failed.</summary>
    private Task<T> Write<T>(Func<LogTransaction, T> write)
    {
        if (_openLogs is null)
        {
            return _writer.WriteAsync(write);
        }

        _openLogs.Enter(this);
        Task<T> task;
        try
        {
            task = _writer.WriteAsync(write);
        }
        catch
        {
            _openLogs.Exit(this);
            throw;
        }

        // Not left unobserved: the write's failure goes to its caller through the task returned, and the
        // continuation (a decrement under a lock) cannot fail.
        _ = task.ContinueWith(static (_, state) => ((TenantLog)state!).EndUse(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private void EndUse() => _openLogs?.Exit(this);

    private readonly struct Use(TenantLog log) : IDisposable
    {
        public void Dispose() => log.EndUse();
    }
}
