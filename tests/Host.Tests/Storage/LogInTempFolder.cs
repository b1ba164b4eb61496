using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>A tenant log opened in a temporary data folder; disposing closes the log and deletes the folder.</summary>
internal sealed class LogInTempFolder : IDisposable
{
    private readonly TempDataDir _dir = new();

    public LogInTempFolder()
    {
        Path = System.IO.Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        Log = TenantLog.Open("t1", Path);
    }

    public string Path { get; }

    public TenantLog Log { get; }

    public void Dispose()
    {
        Log.Dispose();
        _dir.Dispose();
    }
}
