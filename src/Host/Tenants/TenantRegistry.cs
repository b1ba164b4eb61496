using System.Text.Json;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Tenants;

/// <summary>
/// The tenants of this node: creation and deletion, API keys, limits and the active deployment version. The
/// catalog is the truth; an immutable <see cref="TenantSnapshot"/> serves reads.
/// </summary>
internal sealed class TenantRegistry
{
    private readonly Catalog _catalog;
    private readonly TenantRuntimes _runtimes;
    private readonly TenantDirectory _directory;
    private readonly TimeProvider _time;
    private readonly string? _adminKeyHash;
    private readonly ILogger _logger;
    private readonly object _writeLock = new();

    public TenantRegistry(Catalog catalog, TenantRuntimes runtimes, TenantDirectory directory, EngineOptions options, TimeProvider time,
        ILogger<TenantRegistry>? logger = null)
    {
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<TenantRegistry>.Instance;
        _catalog = catalog;
        _runtimes = runtimes;
        _directory = directory;
        _time = time;
        _adminKeyHash = string.IsNullOrEmpty(options.AdminKey) ? null : ApiKeys.Hash(options.AdminKey);
    }

    public TenantSnapshot Snapshot => _directory.Snapshot;

    private Catalog Catalog => _catalog;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Reads the catalog into memory and applies every tenant's limits; called once the engine started.</summary>
    public void Load()
    {
        lock (_writeLock)
        {
            Refresh();
        }
    }

    /// <summary>Who the bearer of <paramref name="key"/> is, or null for no valid key.</summary>
    public Caller? Authenticate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (_adminKeyHash is not null && ApiKeys.Matches(key, _adminKeyHash))
        {
            return Caller.Admin;
        }

        return Snapshot.TenantByKeyHash.TryGetValue(ApiKeys.Hash(key), out var tenant) ? new Caller(false, tenant) : null;
    }

    public TenantState? Find(string tenant) => _directory.Find(tenant);

    public IReadOnlyList<TenantState> List() => [.. Snapshot.Tenants.Values.OrderBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>Creates a tenant with its first API key; the key is returned once and stored only hashed.</summary>
    public (TenantState Tenant, string ApiKey, string KeyId) Create(string id, TenantLimits? limits)
    {
        lock (_writeLock)
        {
            if (Find(id) is not null)
            {
                throw new ConflictException($"Tenant '{id}' already exists.");
            }

            var limitsJson = limits is null ? null : JsonSerializer.Serialize(limits, JsonSerializerOptions.Web);
            string key, keyId;
            try
            {
                _runtimes.AddTenant(id);
                Catalog.SetLimits(id, limitsJson);
                (key, keyId) = AddKey(id);
            }
            catch (Exception error) when (Storage.StorageFaults.IsDiskFull(error))
            {
                // A tenant without its key or log would be half made: leave no trace of it.
                _runtimes.DropNewTenant(id);
                throw;
            }

            Refresh();
            TenantLifecycleLog.Created(_logger, id, keyId);
            return (Find(id)!, key, keyId);
        }
    }

    public (string ApiKey, string KeyId) IssueKey(string tenant)
    {
        lock (_writeLock)
        {
            RequireTenant(tenant);
            var issued = AddKey(tenant);
            Refresh();
            TenantLifecycleLog.KeyIssued(_logger, tenant, issued.KeyId);
            return issued;
        }
    }

    public IReadOnlyList<ApiKeyRecord> ListKeys(string tenant)
    {
        RequireTenant(tenant);
        return Catalog.ListKeys(tenant);
    }

    public void RevokeKey(string tenant, string keyId)
    {
        lock (_writeLock)
        {
            RequireTenant(tenant);
            if (!Catalog.RevokeKey(tenant, keyId, Now))
            {
                throw new NotFoundException($"Tenant '{tenant}' has no active key '{keyId}'.");
            }

            Refresh();
            TenantLifecycleLog.KeyRevoked(_logger, tenant, keyId);
        }
    }

    public void SetLimits(string tenant, TenantLimits limits)
    {
        lock (_writeLock)
        {
            RequireTenant(tenant);
            var limitsJson = JsonSerializer.Serialize(limits, JsonSerializerOptions.Web);
            Catalog.SetLimits(tenant, limitsJson);
            Refresh();
            TenantLifecycleLog.LimitsChanged(_logger, tenant, limitsJson);
        }
    }

    /// <summary>Makes <paramref name="version"/> the version new instances start on.</summary>
    public void Activate(string tenant, int version)
    {
        lock (_writeLock)
        {
            RequireTenant(tenant);
            if (!Catalog.Activate(tenant, version))
            {
                throw new NotFoundException($"Tenant '{tenant}' has no deployment version {version}.");
            }

            Refresh();
        }
    }

    /// <summary>Re-reads the catalog after a deployment was recorded.</summary>
    public void DeploymentAdded()
    {
        lock (_writeLock)
        {
            Refresh();
        }
    }

    /// <summary>Stops the tenant's instances, then deletes its data and its catalog entry.</summary>
    public async Task DeleteAsync(string tenant)
    {
        RequireTenant(tenant);
        try
        {
            await _runtimes.RemoveTenantAsync(tenant);
            lock (_writeLock)
            {
                Catalog.RemoveTenant(tenant);
                Refresh();
            }

            TenantLifecycleLog.Deleted(_logger, tenant);
        }
        finally
        {
            _runtimes.TenantRemoved(tenant);
        }
    }

    private (string Key, string KeyId) AddKey(string tenant)
    {
        var key = ApiKeys.NewKey();
        var keyId = ApiKeys.NewKeyId();
        Catalog.AddKey(keyId, tenant, ApiKeys.Hash(key), Now);
        return (key, keyId);
    }

    private void RequireTenant(string tenant)
    {
        if (Find(tenant) is null)
        {
            throw new NotFoundException($"Tenant '{tenant}' does not exist.");
        }
    }

    /// <summary>Builds a new snapshot from the catalog and publishes it; callers hold the write lock.</summary>
    private void Refresh()
    {
        var tenants = new Dictionary<string, TenantState>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in Catalog.ListTenantRecords())
        {
            var limits = record.LimitsJson is null
                ? new TenantLimits()
                : JsonSerializer.Deserialize<TenantLimits>(record.LimitsJson, JsonSerializerOptions.Web)!;
            tenants[record.Id] = new TenantState(record.Id, record.CreatedAt, limits, record.ActiveVersion, record.Frozen);
            // A tenant being restored gets its limits when the restore reloads the registry: no waiting for it here.
            _runtimes.TryRuntimeNow(record.Id)?.SetLimits(limits);
            foreach (var key in Catalog.ListKeyHashes(record.Id))
            {
                keys[key] = record.Id;
            }
        }

        _directory.Publish(new TenantSnapshot(
            System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(tenants, StringComparer.Ordinal),
            System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(keys, StringComparer.Ordinal)));
    }
}
