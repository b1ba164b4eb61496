namespace Skein.Host.Storage;

/// <summary>
/// The node catalog (<c>{DataDir}/catalog.db</c>): the tenants this node hosts, their hashed API keys, limits and
/// deployment versions.
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
    ];
}
