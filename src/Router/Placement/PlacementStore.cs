using System.Collections.Frozen;
using Microsoft.Data.Sqlite;

namespace Skein.Router.Placement;

/// <summary>
/// The placement table (tenant → node id), persisted in <c>{DataDir}/router.db</c>. Every request looks its tenant
/// up here, so reads come from an immutable in-memory snapshot swapped after each committed write; writes are rare
/// (a tenant created, deleted or moved) and serialized.
/// </summary>
internal sealed class PlacementStore
{
    private const int SchemaVersion = 2;
    private readonly Lock _writeLock = new();
    private FrozenDictionary<string, string> _snapshot;

    // The folder is held (its lock): no other router opens this database while this one runs.
    public PlacementStore(RouterDataFolder folder, ILogger<PlacementStore> logger)
    {
        DatabasePath = Path.Combine(folder.Path, PlacementDatabase.FileName);
        using (var connection = PlacementDatabase.Open(DatabasePath))
        {
            PlacementDatabase.Execute(connection, "PRAGMA journal_mode=WAL;");
            using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version;";
            var current = Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (current > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The placement database {DatabasePath} has schema version {current}, newer than this router's {SchemaVersion}: run a newer router.");
            }

            if (current < 1)
            {
                PlacementDatabase.Execute(connection, """
                    BEGIN IMMEDIATE;
                    CREATE TABLE IF NOT EXISTS placements (
                        tenant TEXT PRIMARY KEY NOT NULL,
                        node TEXT NOT NULL,
                        placed_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    PRAGMA user_version=1;
                    COMMIT;
                    """);
            }

            if (current < 2)
            {
                PlacementDatabase.Execute(connection, "BEGIN IMMEDIATE;" + Moves.MovesSchema.Create + "PRAGMA user_version=2; COMMIT;");
            }
        }

        _snapshot = ReadAll();
        RouterLog.PlacementDatabase(logger, DatabasePath);
    }

    public string DatabasePath { get; }

    /// <summary>The node holding <paramref name="tenant"/>, or null when the router does not know the tenant.</summary>
    public string? Find(string tenant) => Volatile.Read(ref _snapshot).GetValueOrDefault(tenant);

    public IReadOnlyList<TenantPlacement> All() =>
        [.. Volatile.Read(ref _snapshot).Select(p => new TenantPlacement(p.Key, p.Value)).OrderBy(p => p.Tenant, StringComparer.Ordinal)];

    public int CountOn(string node) => Volatile.Read(ref _snapshot).Values.Count(n => n == node);

    /// <summary>Records a new tenant's node; committed (fsync'd) before it returns.</summary>
    public void Add(string tenant, string node) =>
        Write("INSERT INTO placements (tenant, node, placed_at) VALUES ($tenant, $node, $at);", tenant, node);

    /// <summary>Forgets a deleted tenant.</summary>
    public void Remove(string tenant) => Write("DELETE FROM placements WHERE tenant = $tenant;", tenant, null);

    /// <summary>
    /// Places a moved tenant on <paramref name="to"/> and runs <paramref name="sameTransaction"/> (the move journal's
    /// switch) in the same transaction; false, with nothing written, when the tenant is no longer placed on
    /// <paramref name="from"/> or <paramref name="to"/> (it was deleted meanwhile).
    /// </summary>
    public bool Switch(string tenant, string from, string to, Action<SqliteConnection, SqliteTransaction> sameTransaction)
    {
        lock (_writeLock)
        {
            using (var connection = PlacementDatabase.Open(DatabasePath))
            using (var transaction = connection.BeginTransaction(deferred: false))
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "UPDATE placements SET node = $to, placed_at = $at WHERE tenant = $tenant AND node IN ($from, $to);";
                command.Parameters.AddWithValue("$tenant", tenant);
                command.Parameters.AddWithValue("$from", from);
                command.Parameters.AddWithValue("$to", to);
                command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                if (command.ExecuteNonQuery() == 0)
                {
                    return false;
                }

                sameTransaction(connection, transaction);
                transaction.Commit();
            }

            Volatile.Write(ref _snapshot, ReadAll());
            return true;
        }
    }

    /// <summary>
    /// Points <paramref name="tenant"/> at <paramref name="node"/> (recording it when the router did not know it);
    /// committed before it returns. Refused, with nothing written, while the tenant has an unfinished move: the check
    /// and the write are one transaction, so a move recorded meanwhile is seen.
    /// </summary>
    public RepointOutcome Repoint(string tenant, string node)
    {
        lock (_writeLock)
        {
            using (var connection = PlacementDatabase.Open(DatabasePath))
            using (var transaction = connection.BeginTransaction(deferred: false))
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT EXISTS (SELECT 1 FROM moves WHERE tenant = $tenant AND state NOT IN ('done', 'failed'));";
                command.Parameters.AddWithValue("$tenant", tenant);
                if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
                {
                    return RepointOutcome.MoveRunning;
                }

                command.CommandText = """
                    INSERT INTO placements (tenant, node, placed_at) VALUES ($tenant, $node, $at)
                    ON CONFLICT (tenant) DO UPDATE SET node = excluded.node, placed_at = excluded.placed_at;
                    """;
                command.Parameters.AddWithValue("$node", node);
                command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                command.ExecuteNonQuery();
                transaction.Commit();
            }

            Volatile.Write(ref _snapshot, ReadAll());
            return RepointOutcome.Done;
        }
    }

    private void Write(string sql, string tenant, string? node)
    {
        lock (_writeLock)
        {
            using (var connection = PlacementDatabase.Open(DatabasePath))
            using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                command.Parameters.AddWithValue("$tenant", tenant);
                command.Parameters.AddWithValue("$node", (object?)node ?? DBNull.Value);
                command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                command.ExecuteNonQuery();
            }

            Volatile.Write(ref _snapshot, ReadAll());
        }
    }

    private FrozenDictionary<string, string> ReadAll()
    {
        using var connection = PlacementDatabase.Open(DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant, node FROM placements;";
        using var reader = command.ExecuteReader();
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            all[reader.GetString(0)] = reader.GetString(1);
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
