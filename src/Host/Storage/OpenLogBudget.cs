using System.Globalization;

namespace Skein.Host.Storage;

/// <summary>
/// How many tenant logs may be open at once when <c>Skein:MaxOpenTenantLogs</c> is 0 (the default): derived from the
/// process's file-descriptor limit, so a node under <c>ulimit -n 1024</c> does not run out of descriptors (and fail
/// for every tenant) however many tenants it has.
/// </summary>
internal static class OpenLogBudget
{
    /// <summary>
    /// Connections to one log Microsoft.Data.Sqlite's pool ends up holding: the writer's, the checkpointer's and one
    /// more the log's opening leaves (measured: <c>OpenLogDescriptorsTests</c>).
    /// </summary>
    public const int PooledConnections = 3;

    /// <summary>
    /// Descriptors an open log holds at most while its reads stay within the connections it keeps: two (the database
    /// and its WAL) for each pooled connection and each of <see cref="ReadConnections.MaxIdle"/> kept readers, and one
    /// for the shared-memory index, which SQLite opens once per file per process. A burst of more concurrent reads
    /// holds more for its length; after it SQLite keeps one database descriptor per extra connection for reuse until
    /// the log's files close (<see cref="OpenTenantLogs"/> closes idle logs).
    /// </summary>
    public const int DescriptorsPerLog = 2 * (PooledConnections + ReadConnections.MaxIdle) + 1;

    /// <summary>Descriptors kept for the rest of the node: listeners, connections, the catalog, loaded assemblies.</summary>
    public const int Reserve = 256;

    public const int Min = 16;
    public const int Max = 1024;

    /// <summary>The configured cap, or for 0 one derived from the descriptor limit (128 when it cannot be read).</summary>
    public static int Resolve(int configured) =>
        configured > 0 ? configured : FromLimit(DescriptorLimit());

    public static int FromLimit(long? limit) =>
        limit is { } l ? (int)Math.Clamp((l - Reserve) / DescriptorsPerLog, Min, Max) : 128;

    /// <summary>The soft "Max open files" limit of this process (Linux: /proc/self/limits), or null.</summary>
    private static long? DescriptorLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
