using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>The node catalog: tenants, their hashed API keys and limits, and their deployment versions.</summary>
internal sealed class Catalog
{
    private readonly string _dataDir;
    private readonly string _path;
    private volatile bool _opened;

    /// <summary>The node catalog of <paramref name="folder"/>, not opened yet: the host opens it at start.</summary>
    public Catalog(DataFolder folder)
    {
        _dataDir = folder.Path;
        _path = System.IO.Path.Combine(folder.Path, "catalog.db");
    }

    public static Catalog Open(string dataDir)
    {
        var catalog = new Catalog(new DataFolder(dataDir));
        catalog.Open();
        return catalog;
    }

    /// <summary>Creates or migrates the catalog's file; the host calls it once its data folder's lock is held.</summary>
    public void Open()
    {
        DurableFiles.CreateDirectory(_dataDir);
        using (var connection = SqliteDatabase.Open(_path))
        {
            SchemaMigrator.Migrate(connection, CatalogSchema.Migrations, "The node catalog");
        }

        DurableFiles.FlushDirectory(_dataDir);
        _opened = true;
    }

    /// <summary>The catalog's file, once it is open: nothing reads it before its schema is migrated.</summary>
    private string OpenPath => _opened ? _path : throw new InvalidOperationException("The node catalog has not been opened yet.");

    /// <summary>Adds the tenant if it is new; true when it was added.</summary>
    public bool AddTenant(string id, long now, string? limitsJson = null) =>
        Execute("INSERT OR IGNORE INTO tenants (id, created_at, limits) VALUES ($0, $1, $2)", id, now, limitsJson) > 0;

    public IReadOnlyList<string> ListTenants() => Query("SELECT id FROM tenants ORDER BY id", r => r.GetString(0));

    public IReadOnlyList<TenantRecord> ListTenantRecords() =>
        Query("SELECT id, created_at, limits, active_version, frozen FROM tenants ORDER BY id", ReadTenant);

    public TenantRecord? FindTenant(string id) =>
        Query("SELECT id, created_at, limits, active_version, frozen FROM tenants WHERE id = $0", ReadTenant, id).FirstOrDefault();

    /// <summary>Records whether the tenant is frozen; false when the tenant does not exist.</summary>
    public bool SetFrozen(string id, bool frozen) => Execute("UPDATE tenants SET frozen = $1 WHERE id = $0", id, frozen ? 1 : 0) > 0;

    public IReadOnlyList<string> ListFrozen() => Query("SELECT id FROM tenants WHERE frozen <> 0 ORDER BY id", r => r.GetString(0));

    public void SetLimits(string id, string? limitsJson) => Execute("UPDATE tenants SET limits = $1 WHERE id = $0", id, limitsJson);

    /// <summary>Removes the tenant with its keys and deployment records.</summary>
    public bool RemoveTenant(string id)
    {
        using var connection = SqliteDatabase.Open(OpenPath);
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "DELETE FROM api_keys WHERE tenant = $0", id);
        Run(connection, transaction, "DELETE FROM deployments WHERE tenant = $0", id);
        var removed = Run(connection, transaction, "DELETE FROM tenants WHERE id = $0", id) > 0;
        transaction.Commit();
        return removed;
    }

    public void AddKey(string id, string tenant, string hash, long now) =>
        Execute("INSERT INTO api_keys (id, tenant, hash, created_at) VALUES ($0, $1, $2, $3)", id, tenant, hash, now);

    public IReadOnlyList<ApiKeyRecord> ListKeys(string tenant) =>
        Query("SELECT id, tenant, created_at, revoked_at FROM api_keys WHERE tenant = $0 ORDER BY created_at", ReadKey, tenant);

    public bool RevokeKey(string tenant, string keyId, long now) =>
        Execute("UPDATE api_keys SET revoked_at = $2 WHERE tenant = $0 AND id = $1 AND revoked_at IS NULL", tenant, keyId, now) > 0;

    /// <summary>The tenant's keys with their hashes, for a backup: a moved tenant keeps working with the keys it has.</summary>
    public IReadOnlyList<(string Id, string Hash, long CreatedAt, long? RevokedAt)> ListKeysWithHashes(string tenant) =>
        Query("SELECT id, hash, created_at, revoked_at FROM api_keys WHERE tenant = $0 ORDER BY created_at",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? (long?)null : r.GetInt64(3)), tenant);

    public IReadOnlyList<string> ListKeyHashes(string tenant) =>
        Query("SELECT hash FROM api_keys WHERE tenant = $0 AND revoked_at IS NULL", r => r.GetString(0), tenant);

    /// <summary>Records a new deployment version and makes it the active one, in one transaction.</summary>
    public void AddDeployment(DeploymentRecord deployment)
    {
        using var connection = SqliteDatabase.Open(OpenPath);
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "INSERT INTO deployments (tenant, version, sha256, entry, workflows, uploaded_at) VALUES ($0, $1, $2, $3, $4, $5)",
            deployment.Tenant, deployment.Version, deployment.Sha256, deployment.Entry,
            JsonSerializer.Serialize(deployment.Workflows, JsonSerializerOptions.Web), deployment.UploadedAt);
        Run(connection, transaction, "UPDATE tenants SET active_version = $1 WHERE id = $0", deployment.Tenant, deployment.Version);
        transaction.Commit();
    }

    /// <summary>
    /// Makes the catalog match a restored tenant, in one transaction: the tenant row (created with
    /// <paramref name="limitsJson"/> if new), exactly <paramref name="deployments"/>, and the active version.
    /// Idempotent, so a restore cut short by a crash can run it again. <paramref name="keys"/> are added only when
    /// the restore creates the tenant (a move); an existing tenant keeps the keys it has.
    /// </summary>
    public void RestoreTenant(string tenant, long now, string? limitsJson, IReadOnlyList<DeploymentRecord> deployments, int? active,
        IReadOnlyList<(string Id, string Hash, long CreatedAt, long? RevokedAt)>? keys = null)
    {
        using var connection = SqliteDatabase.Open(OpenPath);
        using var transaction = connection.BeginTransaction();
        var created = Run(connection, transaction, "INSERT OR IGNORE INTO tenants (id, created_at, limits) VALUES ($0, $1, $2)", tenant, now, limitsJson) > 0;
        // The archive's limits win over the ones the tenant had here: a restore puts back the tenant as it was backed up.
        Run(connection, transaction, "UPDATE tenants SET limits = $1 WHERE id = $0", tenant, limitsJson);
        foreach (var key in created ? keys ?? [] : [])
        {
            Run(connection, transaction, "INSERT OR IGNORE INTO api_keys (id, tenant, hash, created_at, revoked_at) VALUES ($0, $1, $2, $3, $4)",
                key.Id, tenant, key.Hash, key.CreatedAt, key.RevokedAt);
        }

        Run(connection, transaction, "DELETE FROM deployments WHERE tenant = $0", tenant);
        foreach (var d in deployments)
        {
            Run(connection, transaction, "INSERT INTO deployments (tenant, version, sha256, entry, workflows, uploaded_at) VALUES ($0, $1, $2, $3, $4, $5)",
                tenant, d.Version, d.Sha256, d.Entry, JsonSerializer.Serialize(d.Workflows, JsonSerializerOptions.Web), d.UploadedAt);
        }

        Run(connection, transaction, "UPDATE tenants SET active_version = $1 WHERE id = $0", tenant, active);
        transaction.Commit();
    }

    public int NextVersion(string tenant) =>
        Query("SELECT COALESCE(MAX(version), 0) + 1 FROM deployments WHERE tenant = $0", r => r.GetInt32(0), tenant)[0];

    public IReadOnlyList<DeploymentRecord> ListDeployments(string tenant) =>
        Query("SELECT tenant, version, sha256, entry, workflows, uploaded_at FROM deployments WHERE tenant = $0 ORDER BY version", ReadDeployment, tenant);

    public DeploymentRecord? FindDeployment(string tenant, int version) =>
        Query("SELECT tenant, version, sha256, entry, workflows, uploaded_at FROM deployments WHERE tenant = $0 AND version = $1",
            ReadDeployment, tenant, version).FirstOrDefault();

    public bool Activate(string tenant, int version) =>
        Execute("UPDATE tenants SET active_version = $1 WHERE id = $0 AND EXISTS (SELECT 1 FROM deployments WHERE tenant = $0 AND version = $1)",
            tenant, version) > 0;

    private static TenantRecord ReadTenant(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetInt64(4) != 0);

    private static ApiKeyRecord ReadKey(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt64(3));

    private static DeploymentRecord ReadDeployment(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3),
        JsonSerializer.Deserialize<List<DeployedWorkflow>>(r.GetString(4), JsonSerializerOptions.Web)!, r.GetInt64(5));

    private int Execute(string sql, params object?[] args)
    {
        using var connection = SqliteDatabase.Open(OpenPath);
        return Run(connection, null, sql, args);
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params object?[] args)
    {
        using var connection = SqliteDatabase.Open(OpenPath);
        using var command = Command(connection, null, sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static int Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] args)
    {
        using var command = Command(connection, transaction, sql, args);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, object?[] args)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + i, args[i] ?? DBNull.Value);
        }

        return command;
    }
}
