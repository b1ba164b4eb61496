using System.Collections.Concurrent;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Freezing a tenant (DESIGN §7, a move): it is stopped as a restore stops it and opened again frozen, so its log
/// serves reads (a backup) while nothing of it runs; unfreezing recovers it as a start does. The catalog holds the
/// flag, so a frozen tenant starts frozen after a restart.
/// </summary>
internal sealed partial class TenantRuntimes
{
    private readonly ConcurrentDictionary<string, byte> _frozen = new(StringComparer.Ordinal);

    /// <summary>Whether the tenant is frozen on this node.</summary>
    public bool IsFrozen(string tenant) => _frozen.ContainsKey(tenant);

    /// <summary>The tenants frozen on this node.</summary>
    public int FrozenCount => _frozen.Count;

    /// <summary>
    /// Freezes the tenant: the flag is made durable first, then the tenant is quiesced as for a restore (running
    /// attempts cancelled, actors and timers stopped, every request bound to it ended with 503) and opened again
    /// frozen. Returns false when it was frozen already. The caller serializes this with restores of the tenant.
    /// </summary>
    public bool FreezeTenant(string tenant)
    {
        var record = _catalog.FindTenant(tenant) ?? throw new NotFoundException($"Tenant '{tenant}' does not exist.");
        if (record.Frozen && IsFrozen(tenant))
        {
            return false;
        }

        // From here a crash restarts the tenant frozen: nothing of it runs before the operator unfreezes it.
        _catalog.SetFrozen(tenant, true);
        _frozen[tenant] = 0;
        QuiesceTenant(tenant, TenantStopReason.Frozen);
        try
        {
            // The attempts the quiesce cancelled were stopped on purpose, not cut off by a crash: they run again
            // after the unfreeze (or on the node the tenant moves to) without being charged to their step.
            File.Delete(Path.Combine(TenantIds.Folder(_options.DataDir, tenant), AttemptJournalFile));
        }
        finally
        {
            ReopenTenant(tenant);
        }

        return true;
    }

    /// <summary>
    /// Unfreezes the tenant and resumes everything as recovery after a restart does: unfinished instances run again,
    /// timers are re-armed. Returns false when it was not frozen.
    /// </summary>
    public bool UnfreezeTenant(string tenant)
    {
        _ = _catalog.FindTenant(tenant) ?? throw new NotFoundException($"Tenant '{tenant}' does not exist.");
        _catalog.SetFrozen(tenant, false);
        TenantRuntime? runtime;
        lock (_openLock)
        {
            if (!_frozen.TryRemove(tenant, out _))
            {
                return false;
            }

            runtime = _tenants.TryGetValue(tenant, out var open) ? open : null;
            runtime?.Unfreeze();
        }

        // A runtime not open yet recovers when it opens (a restore in between reopens it).
        (runtime ?? Runtime(tenant)).Recover();
        return true;
    }

    private const string AttemptJournalFile = "attempts.journal";

    /// <summary>Makes the in-memory flag match the catalog (a tenant created, restored or deleted under this id).</summary>
    private void SyncFrozen(string tenant)
    {
        if (_catalog.FindTenant(tenant) is { Frozen: true })
        {
            _frozen[tenant] = 0;
        }
        else
        {
            _frozen.TryRemove(tenant, out _);
        }
    }
}
