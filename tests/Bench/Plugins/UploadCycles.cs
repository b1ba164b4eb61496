using Skein.Bench.Http;

namespace Skein.Bench.Plugins;

/// <summary>What the upload/retire cycles left behind.</summary>
internal sealed record UploadCyclesResult(MemorySnapshot Baseline, MemorySnapshot After, int Cycles, int WarmUpCycles,
    int VersionsLoadedAfter, double Seconds);

/// <summary>
/// In a running host, one tenant uploads a new version through <see cref="Skein.Host.Plugins.DeploymentService"/>
/// again and again, and runs an instance on each; each upload retires the version before it. Managed memory is read
/// GC-settled after a warm-up and after the measured cycles.
/// </summary>
internal static class UploadCycles
{
    private const string Tenant = "cycles";
    private const int WarmUpCycles = 10;

    public static async Task<UploadCyclesResult> RunAsync(IReadOnlyList<byte[]> dlls, int cycles, string dataRoot)
    {
        await using var host = await BenchHost.StartAsync(dataRoot);
        var plugin = new PluginHost(host);
        await plugin.AddTenantAsync(Tenant, dlls[0]);
        await plugin.RunOnceAsync(Tenant);
        for (var cycle = 1; cycle <= WarmUpCycles; cycle++)
        {
            await CycleAsync(plugin, dlls[cycle % dlls.Count]);
        }

        var baseline = MemorySnapshot.Settled();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            await CycleAsync(plugin, dlls[cycle % dlls.Count]);
        }

        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        plugin.Deployments.RetireIdle(Tenant);
        var after = MemorySnapshot.Settled();
        return new UploadCyclesResult(baseline, after, cycles, WarmUpCycles, plugin.Versions.LoadedVersionsOf(Tenant).Count, seconds);
    }

    /// <summary>Upload (which retires the previous version, idle by now), load the new one, run an instance on it.</summary>
    private static async Task CycleAsync(PluginHost plugin, byte[] dll)
    {
        // A new build each cycle: an upload identical to a stored version reuses it instead of creating one.
        var version = await plugin.DeployAsync(Tenant, Skein.Tests.Common.AssemblyImages.WithNewMvid(dll));
        _ = plugin.Versions.Get(Tenant, version)?.Find(TenantDll.Workflow)
            ?? throw new InvalidOperationException($"Version {version} of {Tenant} does not resolve its workflow.");
        await plugin.RunOnceAsync(Tenant);
    }
}
