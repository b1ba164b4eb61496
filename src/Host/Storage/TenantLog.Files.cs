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

    private void ClearPool()
    {
        _reads.Clear();
        SqliteDatabase.ClearPool(Path);
    }

    /// <summary>A read's use of the log on one of its kept read connections, from renting it to giving it back.</summary>
    private ReadScope BeginRead()
    {
        var use = BeginUse();
        try
        {
            return new ReadScope(use, _reads, _reads.Rent());
        }
        catch
        {
            use.Dispose();
            throw;
        }
    }

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
        try
        {
            // The use ends on the writer thread as the write ends, not in a thread-pool continuation of its task.
            return _writer.WriteAsync(write, _endUse ??= EndUse);
        }
        catch
        {
            _openLogs.Exit(this);
            throw;
        }
    }

    private Action? _endUse;

    private void EndUse() => _openLogs?.Exit(this);

    private readonly struct Use(TenantLog log) : IDisposable
    {
        public void Dispose() => log.EndUse();
    }

    private readonly struct ReadScope(Use use, ReadConnections pool, ReadConnection connection) : IDisposable
    {
        public ReadConnection Connection => connection;

        public void Dispose()
        {
            pool.Return(connection);
            use.Dispose();
        }
    }
}
