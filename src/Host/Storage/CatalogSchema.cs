namespace Skein.Host.Storage;

/// <summary>
/// The node catalog (<c>{DataDir}/catalog.db</c>): the tenants this node hosts, their hashed API keys, limits,
/// deployment versions and whether each is frozen.
/// </summary>
internal static class CatalogSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE tenants (
            id         TEXT    NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        ALTER TABLE tenants ADD COLUMN limits TEXT;               -- JSON of TenantLimits; NULL = node defaults
        ALTER TABLE tenants ADD COLUMN active_version INTEGER;    -- NULL until the first deployment

        CREATE TABLE api_keys (
            id         TEXT    NOT NULL PRIMARY KEY,              -- public key id, shown in listings
            tenant     TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            hash       TEXT    NOT NULL UNIQUE,                   -- SHA-256 of the whole key; the key itself is never stored
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX api_keys_by_tenant ON api_keys (tenant);

        CREATE TABLE deployments (
            tenant      TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            version     INTEGER NOT NULL,
            sha256      TEXT    NOT NULL,
            entry       TEXT    NOT NULL,                         -- the assembly holding the workflows
            workflows   TEXT    NOT NULL,                         -- JSON array of {name, type}
            uploaded_at INTEGER NOT NULL,
            PRIMARY KEY (tenant, version)
        ) WITHOUT ROWID;
        """,
        """
        -- 1 while the operator has the tenant frozen (a move): kept across restarts, so a frozen tenant starts frozen.
        ALTER TABLE tenants ADD COLUMN frozen INTEGER NOT NULL DEFAULT 0;
        """,
    ];
}
