using System.Collections.Concurrent;

namespace Skein.Host.Storage;

/// <summary>
/// A tenant log's idle read connections (<see cref="ReadConnection"/>), kept open with their prepared statements so a
/// read pays neither the connection's setup nor the SQL's compilation. Clearing it closes the idle ones and makes
/// those lent out close when they come back, so the files can be closed, moved or replaced.
/// </summary>
internal sealed class ReadConnections(string path)
{
    /// <summary>
    /// Idle connections kept: enough for the reads of a busy log on a small machine; more are closed. Each holds two
    /// descriptors (the database and its WAL), which <see cref="OpenLogBudget.DescriptorsPerLog"/> counts.
    /// </summary>
    public const int MaxIdle = 4;

    private readonly ConcurrentQueue<ReadConnection> _idle = new();
    private int _epoch;

    public ReadConnection Rent() =>
        // Outside Microsoft.Data.Sqlite's pool: this is the pool, and a connection it does not keep must really close
        // (a pooled one would stay open, its descriptors uncounted, until the pool is cleared).
        _idle.TryDequeue(out var connection) ? connection : new ReadConnection(SqliteDatabase.OpenPrivate(path), Volatile.Read(ref _epoch));

    /// <summary>Gives a connection back after a read (its reader and snapshot are ended by then, even after a failure).</summary>
    public void Return(ReadConnection connection)
    {
        if (connection.Epoch == Volatile.Read(ref _epoch) && _idle.Count < MaxIdle)
        {
            _idle.Enqueue(connection);
            // A clear that ran meanwhile has not seen it: take it out again.
            if (connection.Epoch == Volatile.Read(ref _epoch))
            {
                return;
            }

            CloseIdle();
            return;
        }

        connection.Dispose();
    }

    /// <summary>Closes every idle connection; those lent out are closed as they come back.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _epoch);
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryDequeue(out var connection))
        {
            connection.Dispose();
        }
    }
}
