using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A tenant log's schema in a temporary folder, with the pool emptied (the log is opened and disposed), and a
/// <see cref="LogWriter"/> over it: the writer's connection is the only one pooled. Disposing stops the writer, empties
/// the pool and deletes the folder.
/// </summary>
internal sealed class WriterOnNewLog : IDisposable
{
    private readonly TempDataDir _dir = new();

    /// <param name="writerTenant">The tenant the writer names on its thread and its metrics.</param>
    /// <param name="prepare">Run on the log's path before the writer is made (its connections go back to the pool).</param>
    public WriterOnNewLog(string writerTenant = "t1", Action<string>? prepare = null)
    {
        Path = System.IO.Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        TenantLog.Open("t1", Path).Dispose();
        prepare?.Invoke(Path);
        Writer = new LogWriter(Path, writerTenant, new WorkInFlight());
    }

    public string Path { get; }

    public LogWriter Writer { get; }

    public void Dispose()
    {
        Writer.Dispose();
        SqliteDatabase.ClearPool(Path);
        _dir.Dispose();
    }
}
