using Microsoft.Data.Sqlite;
using Skein.Router.Placement;

namespace Skein.Router.Moves;

/// <summary>
/// The moves table in <c>router.db</c>. Every state change is committed (<c>synchronous=FULL</c>) before the move
/// acts on the next step, so a router killed at any point finds in it how far each move went.
/// </summary>
internal sealed class MoveJournal(PlacementStore placements, TimeProvider time)
{
    private const string Columns = "id, tenant, from_node, to_node, state, error, target_had_tenant, frozen_at, unavailable_ms, created_at";

    public Move? Find(string id) => Query($"SELECT {Columns} FROM moves WHERE id = $id;", ("$id", id)).SingleOrDefault();

    /// <summary>Every move, oldest first.</summary>
    public IReadOnlyList<Move> All() => Query($"SELECT {Columns} FROM moves ORDER BY created_at, id;");

    /// <summary>The moves that neither finished nor were undone.</summary>
    public IReadOnlyList<Move> Unfinished() =>
        Query($"SELECT {Columns} FROM moves WHERE state NOT IN ('done', 'failed') ORDER BY created_at, id;");

    public Move? RunningFor(string tenant) =>
        Query($"SELECT {Columns} FROM moves WHERE tenant = $tenant AND state NOT IN ('done', 'failed');", ("$tenant", tenant)).SingleOrDefault();

    /// <summary>Records a new move in state <c>freezing</c>; false when the tenant already has an unfinished move.</summary>
    public bool TryStart(Move move)
    {
        try
        {
            Execute("""
                INSERT INTO moves (id, tenant, from_node, to_node, state, target_had_tenant, created_at, updated_at)
                VALUES ($id, $tenant, $from, $to, $state, $had, $now, $now);
                """, ("$id", move.Id), ("$tenant", move.Tenant), ("$from", move.From), ("$to", move.To), ("$state", move.State),
                ("$had", move.TargetHadTenant ? 1 : 0));
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the one-running-move index
        {
            return false;
        }
    }

    /// <summary>The source acknowledged the freeze: state <c>copying</c>, and the unavailable window starts.</summary>
    public long Frozen(string id)
    {
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        Execute("UPDATE moves SET state = $state, frozen_at = $at, updated_at = $now WHERE id = $id;",
            ("$id", id), ("$state", MoveStates.Copying), ("$at", at));
        return at;
    }

    public void Advance(string id, string state) =>
        Execute("UPDATE moves SET state = $state, updated_at = $now WHERE id = $id;", ("$id", id), ("$state", state));

    /// <summary>
    /// State <c>switching</c> and the placement on the target, in one transaction: the journal never says
    /// "switched" while the placement names the source, nor the reverse. False when the tenant was deleted meanwhile.
    /// </summary>
    public bool Switch(Move move)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var unavailable = move.FrozenAt is { } frozenAt ? Math.Max(0, now - frozenAt) : (long?)null;
        return placements.Switch(move.Tenant, move.From, move.To, (connection, transaction) =>
        {
            using var command = Command(connection, """
                UPDATE moves SET state = $state, unavailable_ms = $unavailable, updated_at = $now WHERE id = $id;
                """, ("$id", move.Id), ("$state", MoveStates.Switching), ("$unavailable", unavailable));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        });
    }

    /// <summary>Keeps why a move is being undone, so an undo finished after a restart still reports the first cause.</summary>
    public void SetError(string id, string error) =>
        Execute("UPDATE moves SET error = $error, updated_at = $now WHERE id = $id AND error IS NULL;", ("$id", id), ("$error", error));

    public void Finish(string id, string state, string? error) =>
        Execute("UPDATE moves SET state = $state, error = COALESCE(error, $error), updated_at = $now WHERE id = $id;",
            ("$id", id), ("$state", state), ("$error", error));

    /// <summary>
    /// Deletes the finished moves that ended before <paramref name="endedBefore"/> and those beyond the newest
    /// <paramref name="keep"/> finished ones; a move in progress is never touched. Returns how many went.
    /// </summary>
    public int Prune(DateTimeOffset endedBefore, int keep)
    {
        using var connection = PlacementDatabase.Open(placements.DatabasePath);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = Command(connection, """
            DELETE FROM moves WHERE state IN ('done', 'failed') AND (updated_at < $before OR id NOT IN (
                SELECT id FROM moves WHERE state IN ('done', 'failed') ORDER BY updated_at DESC, id DESC LIMIT $keep));
            """, ("$before", endedBefore.ToUnixTimeMilliseconds()), ("$keep", keep));
        command.Transaction = transaction;
        var pruned = command.ExecuteNonQuery();
        transaction.Commit();
        return pruned;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = PlacementDatabase.Open(placements.DatabasePath);
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private List<Move> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = PlacementDatabase.Open(placements.DatabasePath);
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var moves = new List<Move>();
        while (reader.Read())
        {
            moves.Add(new Move(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6) != 0,
                reader.IsDBNull(7) ? null : reader.GetInt64(7), reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.GetInt64(9)));
        }

        return moves;
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
