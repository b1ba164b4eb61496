using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// Tenant logs in a temporary folder sharing one <see cref="OpenTenantLogs"/> of the given capacity; each opened with
/// one instance (<c>i-{tenant}</c>). Disposing disposes the logs still held and deletes the folder.
/// </summary>
internal sealed class CappedTenantLogs : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly List<TenantLog> _logs = [];

    public CappedTenantLogs(int capacity) => Open = new OpenTenantLogs(capacity);

    public OpenTenantLogs Open { get; }

    public void Dispose()
    {
        lock (_logs)
        {
            foreach (var log in _logs)
            {
                log.Dispose();
            }
        }

        _dir.Dispose();
    }

    /// <summary>Opens the log of <paramref name="tenant"/> (which may close others), without writing to it.</summary>
    public TenantLog OpenLog(string tenant)
    {
        var log = TenantLog.Open(tenant, System.IO.Path.Combine(_dir.Path, "tenants", tenant, "log.db"), Open);
        lock (_logs)
        {
            _logs.Add(log);
        }

        return log;
    }

    /// <summary>Opens the log of <paramref name="tenant"/>, creates its instance and waits until the write's use ended.</summary>
    public async Task<TenantLog> OpenWithInstance(string tenant)
    {
        var log = OpenLog(tenant);
        Assert.True((await log.CreateInstanceAsync(new NewInstance("i-" + tenant, "w", 1, "null", 1))).Created);
        await Idle(log);
        return log;
    }

    /// <summary>Disposes <paramref name="log"/> now; it is not disposed again at the end.</summary>
    public void DisposeLog(TenantLog log)
    {
        lock (_logs)
        {
            _logs.Remove(log);
        }

        log.Dispose();
    }

    // A write's use ends in a continuation after its task completes.
    public static Task Idle(TenantLog log) => Eventually.Until(() => log.Slot.Users, n => n == 0, $"log {log.Tenant} to be idle");

    /// <summary>In the open set, and its files open (the <c>-wal</c> file goes when the last connection closes).</summary>
    public static bool IsOpen(TenantLog log) => log.Slot.Node is not null && File.Exists(log.Path + "-wal");
}
