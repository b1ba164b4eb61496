using System.Diagnostics;
using System.Runtime.CompilerServices;
using Skein.Bench.Http;
using Skein.Host.Plugins;

namespace Skein.Bench.Plugins;

/// <summary>One unload: the time from <see cref="LoadedVersions.Unload"/> until the load context was collected.</summary>
internal readonly record struct UnloadTiming(double Milliseconds, int Collections, bool Collected);

/// <summary>
/// In a running host: tenants each deploy a version and run an instance on it (so its code was JIT-compiled and
/// its types went through the serializer), then the version is unloaded and full collections are forced until the
/// weak reference to its load context is dead.
/// </summary>
internal static class UnloadTimings
{
    private const int MaxCollections = 100;

    public static async Task<(UnloadTiming[] Timings, double HeapMiB)> MeasureAsync(byte[] dll, int count, string dataRoot)
    {
        await using var host = await BenchHost.StartAsync(dataRoot);
        var plugin = new PluginHost(host);
        var timings = new UnloadTiming[count];
        for (var i = 0; i < count; i++)
        {
            var tenant = $"unload-{i:000}";
            var version = await plugin.AddTenantAsync(tenant, dll);
            await plugin.RunOnceAsync(tenant);
            timings[i] = Unload(plugin.Versions, tenant, version);
        }

        return (timings, GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024));
    }

    private static UnloadTiming Unload(LoadedVersions versions, string tenant, int version)
    {
        var context = ContextOf(versions, tenant, version);
        var started = Stopwatch.GetTimestamp();
        versions.Unload(tenant, version);
        var collections = 0;
        while (context.IsAlive && collections < MaxCollections)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            collections++;
        }

        return new UnloadTiming(Stopwatch.GetElapsedTime(started).TotalMilliseconds, collections, !context.IsAlive);
    }

    /// <summary>Kept out of the caller's frame, so that no strong reference to the version survives on its stack.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ContextOf(LoadedVersions versions, string tenant, int version) =>
        versions.Get(tenant, version)!.Context;
}
