using System.Runtime;
using Skein.Bench.Http;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Plugins;

/// <summary>
/// The <c>plugins</c> benchmark: how long a deployment version takes to load and to be collected after unloading,
/// whether uploads under load fail requests, whether upload/retire cycles leak, and how many active tenants fit in
/// a gigabyte. Each part runs on its own fresh host (except the load timings, which need no host).
/// </summary>
internal static class PluginBenchmark
{
    public static async Task RunAsync(PluginBenchOptions options)
    {
        Progress("compiling the tenant DLLs with Roslyn");
        var dlls = TenantDll.BuildVersions(Math.Max(options.Swaps + 1, 11));

        Progress($"load timings: {options.Loads} versions");
        var loads = LoadTimings.Measure(dlls, options.Loads, options.DataRoot);
        Progress($"unload timings: {options.Unloads} versions");
        var (unloads, heapMiB) = await UnloadTimings.MeasureAsync(dlls[0], options.Unloads, options.DataRoot);
        Progress($"upload/retire cycles: {options.Cycles}");
        var cycles = await UploadCycles.RunAsync(dlls, options.Cycles, options.DataRoot);
        Progress($"tenant density: {options.Tenants} tenants");
        var density = await TenantDensity.RunAsync(dlls[0], options.Tenants, options.DataRoot);
        Progress($"hot swap: {options.Swaps} uploads under {options.SwapClients} callers");
        var swap = await HotSwap.RunAsync(dlls, options.SwapClients, options.Swaps, options.DataRoot);

        Note($"Skein host, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
             $"data under {options.DataRoot}. Tenant DLL: a 3-step workflow compiled with Roslyn ({dlls[0].Length / 1024.0:F1} KiB), " +
             "loaded by the host's LoadedVersion (McMaster PluginLoader, collectible, from bytes).");
        ReportLoads(loads);
        ReportUnloads(unloads, heapMiB);
        ReportSwap(swap, options);
        ReportCycles(cycles);
        ReportDensity(density);
    }

    private static void ReportLoads(double[] loads)
    {
        var warm = loads[1..];
        Figure("plugins.load_ms.first", loads[0], "ms", 2);
        Figure("plugins.load_ms.warm_p50", Percentiles.Median(warm), "ms", 2);
        Figure("plugins.load_ms.warm_max", warm.Max(), "ms", 2);
        Note($"LoadedVersions.Get of a stored deployment never loaded before, plus resolving its workflow: a new collectible load context, " +
             $"the DLL read from disk and loaded from bytes, the workflow type and its registration. 'first' is the first plugin load of the " +
             $"process (JIT of the loading path included); warm is {warm.Length} more loads of other versions under other tenants. " +
             $"All (ms): {string.Join(", ", loads.Select(l => Format(l, 1)))}.");
    }

    private static void ReportUnloads(UnloadTiming[] unloads, double heapMiB)
    {
        var collected = unloads.Where(u => u.Collected).ToArray();
        Figure("plugins.unload_collected_ms.p50", Percentiles.Median(collected.Select(u => u.Milliseconds)), "ms", 2);
        Figure("plugins.unload_not_collected", unloads.Length - collected.Length, "versions");
        Note($"{unloads.Length} tenants in one host each deployed a version and ran an instance on it; then LoadedVersions.Unload and " +
             "GC.Collect + WaitForPendingFinalizers in a loop until the weak reference to the load context was dead (at most 100 collections). " +
             $"Collections needed: {string.Join(", ", unloads.Select(u => u.Collections))}; managed heap about {heapMiB:F0} MiB. " +
             $"Times (ms): {string.Join(", ", unloads.Select(u => Format(u.Milliseconds, 1)))}.");
    }

    private static void ReportSwap(HotSwapResult swap, PluginBenchOptions options)
    {
        Figure("plugins.hot_swap.failed_requests", swap.Failed, "requests");
        Figure("plugins.hot_swap.requests", swap.Requests, "requests");
        Figure("plugins.hot_swap.upload_ms.p50", Percentiles.Median(swap.UploadMs), "ms", 1);
        Note($"{options.SwapClients} HTTP callers (keep-alive) created instances with ?wait=30s in a closed loop for {swap.Seconds:F1} s while " +
             $"{options.Swaps} new versions were uploaded over HTTP, one every 0.5 s (and at least 25 finished requests apart). Failed = not 201 " +
             $"with status complete, or no answer{string.Concat(swap.FailureSamples.Take(3).Select(f => "; e.g. " + f))}. Completed by version: " +
             $"{string.Join(", ", swap.CompletedByVersion.Select(p => $"v{p.Key}={p.Value}"))}; versions still loaded afterwards: " +
             $"{swap.VersionsLoadedAfter}. upload_ms: POST .../deployments answered (validate, store with fsync, probe-load, activate, retire).");
    }

    private static void ReportCycles(UploadCyclesResult cycles)
    {
        Figure("plugins.memory_mb.baseline", cycles.Baseline.ManagedMiB, "MiB", 1);
        Figure("plugins.memory_mb.after_200_cycles", cycles.After.ManagedMiB, "MiB", 1);
        Figure("plugins.working_set_mb.baseline", cycles.Baseline.WorkingSetMiB, "MiB", 1);
        Figure("plugins.working_set_mb.after_200_cycles", cycles.After.WorkingSetMiB, "MiB", 1);
        Note($"One tenant, {cycles.Cycles} cycles in {cycles.Seconds:F1} s of DeploymentService.DeployAsync (which retires the previous, idle " +
             "version), LoadedVersions.Get of the new version and one instance run on it. memory_mb is GC-settled managed memory " +
             "(GC.GetTotalMemory after three aggressive full collections); baseline after " +
             $"{cycles.WarmUpCycles} warm-up cycles. Versions loaded at the end: {cycles.VersionsLoadedAfter}. Growth: " +
             $"{cycles.After.ManagedMiB - cycles.Baseline.ManagedMiB:F2} MiB managed, {cycles.After.WorkingSetMiB - cycles.Baseline.WorkingSetMiB:F1} MiB " +
             "working set.");
        if (cycles.Cycles != 200)
        {
            Note($"Ran {cycles.Cycles} cycles, not 200 (--cycles): the after_200_cycles figures are after {cycles.Cycles}.");
        }
    }

    private static void ReportDensity(TenantDensityResult density)
    {
        var growth = density.Growth;
        Figure("plugins.active_tenants_per_gb", density.TenantsPerGiB, "tenants");
        Figure("plugins.tenant_kib.working_set", density.WorkingSetKiBPerTenant, "KiB", 1);
        Figure("plugins.tenant_kib.managed", density.ManagedKiBPerTenant, "KiB", 1);
        Note($"{density.Tenants} tenants added to one host in {density.Seconds:F1} s, each created, given one deployed version and one instance " +
             $"run to completion ({density.VersionsLoaded} versions loaded at the end). Growth, GC-settled: working set " +
             $"{growth.WorkingSetMiB:F1} MiB, managed {growth.ManagedMiB:F1} MiB, GC committed {growth.GcCommittedBytes / (1024.0 * 1024):F1} MiB, " +
             $"{growth.Threads} threads. active_tenants_per_gb = 1 GiB / (working-set growth / tenants): a linear extrapolation of the " +
             "process's resident memory (managed heap, native images of the loaded DLLs, SQLite, thread stacks, JIT code).");
    }
}
