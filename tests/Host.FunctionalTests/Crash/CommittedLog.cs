using System.Text.Json;

namespace Skein.Host.FunctionalTests.Crash;

/// <summary>
/// What a tenant log held when it was copied: the instances and every step committed complete, read with SQL from
/// a copy of the <c>.db</c> and its <c>-wal</c> (opened read-only), so reading it changes nothing the next run sees.
/// </summary>
internal sealed record CommittedLog(
    string IntegrityCheck,
    IReadOnlyDictionary<string, (int Version, string Status, string? Output)> Instances,
    IReadOnlyDictionary<string, string> Steps)
{
    /// <summary>Copies <paramref name="logPath"/> (and its -wal) into <paramref name="folder"/> and reads the copy.</summary>
    public static CommittedLog Copy(string logPath, string folder)
    {
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "log.db");
        File.Copy(logPath, copy);
        if (File.Exists(logPath + "-wal"))
        {
            File.Copy(logPath + "-wal", copy + "-wal");
        }

        using var log = new LogFile(copy, readOnly: true);
        var instances = log.Query("SELECT id, version, status, output FROM instances",
            r => (Id: r.GetString(0), Version: r.GetInt32(1), Status: r.GetString(2), Output: r.IsDBNull(3) ? null : r.GetString(3)))
            .ToDictionary(i => i.Id, i => (i.Version, i.Status, i.Output is null ? null : JsonSerializer.Deserialize<string>(i.Output)), StringComparer.Ordinal);
        var steps = log.Query("SELECT instance_id, name, count, output FROM steps WHERE kind = 'step' AND status = 'complete'",
                r => (Key: $"{r.GetString(0)} {r.GetString(1)}#{r.GetInt32(2)}", Output: JsonSerializer.Deserialize<string>(r.GetString(3))!))
            .ToDictionary(s => s.Key, s => s.Output, StringComparer.Ordinal);
        return new CommittedLog(log.IntegrityCheck(), instances, steps);
    }
}
