namespace Skein.Router.Moves;

/// <summary>The move journal's table in <c>router.db</c> (schema version 2).</summary>
internal static class MovesSchema
{
    /// <summary>
    /// One row per move. At most one unfinished move per tenant: the partial unique index is what refuses a second,
    /// even from two requests at once.
    /// </summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS moves (
            id TEXT PRIMARY KEY NOT NULL,
            tenant TEXT NOT NULL,
            from_node TEXT NOT NULL,
            to_node TEXT NOT NULL,
            state TEXT NOT NULL,
            error TEXT,
            target_had_tenant INTEGER NOT NULL,
            frozen_at INTEGER,
            unavailable_ms INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS moves_one_running_per_tenant ON moves (tenant) WHERE state NOT IN ('done', 'failed');
        """;
}
