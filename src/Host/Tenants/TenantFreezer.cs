using Skein.Host.Engine;

namespace Skein.Host.Tenants;

/// <summary>
/// Freezes and unfreezes tenants (DESIGN §7: the host's side of a move). A freeze returns once nothing of the tenant
/// runs or writes: its runtime is quiesced as a restore does it, and every request admitted before the freeze has
/// ended, so a backup taken afterwards holds everything the tenant ever acknowledged.
/// </summary>
internal sealed partial class TenantFreezer(TenantRuntimes runtimes, TenantRegistry registry, TenantRequests requests,
    TenantOperations operations, ILogger<TenantFreezer> logger)
{
    /// <summary>How long a freeze lets admitted requests finish before it drops their connections.</summary>
    public static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long a freeze then waits for the dropped requests to end before it gives up (503).</summary>
    public static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Freezes the tenant (idempotent); true when it was not frozen before. A freeze whose <paramref name="abandoned"/>
    /// is cancelled before it takes effect does nothing: its client (a move's router, killed or timed out) undoes the
    /// move with an unfreeze, which must not be overtaken by a freeze nobody waits for any more.
    /// </summary>
    public async Task<bool> FreezeAsync(string tenant, CancellationToken abandoned = default)
    {
        bool changed;
        using (await operations.EnterAsync(tenant))
        {
            RequireTenant(tenant);
            if (abandoned.IsCancellationRequested)
            {
                LogFreezeAbandoned(logger, tenant);
                abandoned.ThrowIfCancellationRequested();
            }

            changed = await Task.Run(() => runtimes.FreezeTenant(tenant));
            registry.Load();
        }

        // Requests bound to the stopped runtime ended with it; the others (an upload being received) are waited for.
        var left = await requests.DrainAsync(tenant, DrainGrace);
        if (left > 0)
        {
            LogAborting(logger, tenant, left, DrainGrace);
            requests.AbortAll(tenant);
            left = await requests.DrainAsync(tenant, AbortWait);
            if (left > 0)
            {
                throw new TenantUnavailableException(
                    $"Tenant '{tenant}' is frozen, but {left} of its requests are still running; retry the freeze to wait for them.");
            }
        }

        if (changed)
        {
            LogFrozen(logger, tenant);
        }

        return changed;
    }

    /// <summary>Unfreezes the tenant (idempotent) and resumes its work; true when it was frozen.</summary>
    public async Task<bool> UnfreezeAsync(string tenant)
    {
        using (await operations.EnterAsync(tenant))
        {
            RequireTenant(tenant);
            var changed = await Task.Run(() => runtimes.UnfreezeTenant(tenant));
            registry.Load();
            if (changed)
            {
                LogUnfrozen(logger, tenant);
            }

            return changed;
        }
    }

    private void RequireTenant(string tenant)
    {
        if (registry.Find(tenant) is null)
        {
            throw new NotFoundException($"Tenant '{tenant}' does not exist.");
        }
    }

    [LoggerMessage(EventId = EventIds.TenantFrozen, Level = LogLevel.Information,
        Message = "Tenant {Tenant} frozen: nothing of it runs and its requests answer 503 until it is unfrozen")]
    private static partial void LogFrozen(ILogger logger, string tenant);

    [LoggerMessage(EventId = EventIds.TenantUnfrozen, Level = LogLevel.Information, Message = "Tenant {Tenant} unfrozen: its instances resume")]
    private static partial void LogUnfrozen(ILogger logger, string tenant);

    [LoggerMessage(EventId = EventIds.FreezeAbandoned, Level = LogLevel.Warning,
        Message = "Freeze of tenant {Tenant} abandoned before it took effect: the client went away; the tenant was not frozen")]
    private static partial void LogFreezeAbandoned(ILogger logger, string tenant);

    [LoggerMessage(EventId = EventIds.FreezeDroppingRequests, Level = LogLevel.Warning,
        Message = "Freezing tenant {Tenant}: {Requests} requests still running after {Grace}; their connections are dropped")]
    private static partial void LogAborting(ILogger logger, string tenant, int requests, TimeSpan grace);
}
