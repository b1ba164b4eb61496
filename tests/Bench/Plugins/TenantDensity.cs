using Skein.Bench.Http;

namespace Skein.Bench.Plugins;

/// <summary>What loading many tenants cost.</summary>
internal sealed record TenantDensityResult(int Tenants, MemorySnapshot Before, MemorySnapshot After, int VersionsLoaded, double Seconds)
{
    public MemorySnapshot Growth => After - Before;

    public double WorkingSetKiBPerTenant => Growth.WorkingSetBytes / 1024.0 / Tenants;

    public double ManagedKiBPerTenant => Growth.ManagedBytes / 1024.0 / Tenants;

    /// <summary>Tenants that fit in 1 GiB of working set at the measured growth per tenant.</summary>
    public double TenantsPerGiB => 1024.0 * 1024 / WorkingSetKiBPerTenant;
}

/// <summary>
/// In a running host, adds tenants one after another, each with one deployed version on which it has run an
/// instance, so every tenant is active: its log open with its writer thread, its version loaded and its code run.
/// </summary>
internal static class TenantDensity
{
    public static async Task<TenantDensityResult> RunAsync(byte[] dll, int tenants, string dataRoot)
    {
        await using var host = await BenchHost.StartAsync(dataRoot);
        var plugin = new PluginHost(host);
        // One tenant first, so the growth is per tenant and not the first tenant's JIT and caches.
        await plugin.AddTenantAsync("warm-up", dll);
        await plugin.RunOnceAsync("warm-up");

        var before = MemorySnapshot.Settled();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < tenants; i++)
        {
            var tenant = $"tenant-{i:0000}";
            await plugin.AddTenantAsync(tenant, dll);
            await plugin.RunOnceAsync(tenant);
        }

        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = MemorySnapshot.Settled();
        return new TenantDensityResult(tenants, before, after, plugin.Versions.Count - 1, seconds);
    }
}
