
namespace Skein.Host.Storage;

/// <summary>
/// Whether the data folder can be written, for readiness: a small file is written and removed at most once per
/// <see cref="ProbeInterval"/> (no fsync), and callers in between get the last answer, so a busy <c>/readyz</c>
/// costs no I/O.
/// </summary>
internal sealed class DataFolderHealth(DataFolder dataFolder, TimeProvider time)
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    private const string ProbeFile = ".skein-write-probe";
    private const int ProbeBytes = 64 * 1024;

    private readonly Lock _lock = new();
    private DateTimeOffset _probedAt = DateTimeOffset.MinValue;
    private string? _problem;

    /// <summary>Null when the data folder can be written; otherwise why it cannot.</summary>
    public string? Problem()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _probedAt >= ProbeInterval)
            {
                _problem = Probe();
                _probedAt = now;
            }

            return _problem;
        }
    }

    private string? Probe()
    {
        var folder = Path.GetFullPath(dataFolder.Path);
        var path = Path.Combine(folder, ProbeFile);
        try
        {
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose))
            {
                stream.Write(new byte[ProbeBytes]);
                stream.Flush();
            }

            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            TryDelete(path);
            return StorageFaults.IsDiskFull(error)
                ? $"The disk holding the data folder '{folder}' is full."
                : $"The data folder '{folder}' cannot be written: {error.Message}";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next probe, which truncates it.
        }
    }
}
