using System.Diagnostics;
using System.Net.Http.Json;
using Skein.Bench.Backup;
using Skein.Bench.Http;
using Skein.Host.Storage;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Router;

/// <summary>
/// The <c>router</c> benchmark: two host nodes and the router as separate processes on loopback (Release builds),
/// driven from this process: the router's added latency, create+wait throughput through the router over 2 nodes and
/// 1 node, and tenant moves.
/// </summary>
internal static class RouterBenchmark
{
    private const int Tenants = 16;

    public static async Task RunAsync(RouterBenchOptions options)
    {
        var dll = RouterDll.Build();
        await using var cluster = await BenchCluster.StartAsync(options.DataRoot);
        Progress($"cluster up: router {cluster.Router}, router (node a only) {cluster.RouterOneNode}, a {cluster.Node("a")}, b {cluster.Node("b")}");
        Note($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; two Skein hosts and two routers (one over both nodes, one over " +
             $"node a only), each a Release build run as its own process (dotnet Skein.Host.dll / Skein.Router.dll, server GC, Kestrel " +
             $"HTTP/1.1 on 127.0.0.1), data under {options.DataRoot}; the load comes from this process; all share the cores. " +
             $"Load average at start: {LoadAverage()}.");

        await OverheadAsync(cluster, dll, options);
        await ThroughputAsync(cluster, dll, options);
        await MoveWithInstancesAsync(cluster, dll);
        await MoveLargeAsync(cluster, options);
        Note($"Load average at the end: {LoadAverage()}.");
    }

    private static async Task OverheadAsync(BenchCluster cluster, byte[] dll, RouterBenchOptions options)
    {
        const string tenant = "overhead";
        var (key, node) = await RouterApi.NewTenantAsync(cluster.Router, tenant, dll);
        using var routed = BenchCluster.Client(cluster.Router, key);
        using var direct = BenchCluster.Client(cluster.Node(node), key);
        var id = await RouterApi.CreateAsync(routed, tenant, RouterDll.TenSteps, 1, wait: true);
        var path = $"/v1/tenants/{tenant}/instances/{id}";
        var cpuBefore = cluster.CpuSeconds();
        var (directMs, routedMs) = await Overhead.MeasureAsync(direct, routed, path, options.Requests / 4, options.Requests);
        var routerUs = (cluster.CpuSeconds()["router2"] - cpuBefore["router2"]) * 1e6 / (options.Requests * 5 / 4);
        foreach (var (suffix, fraction) in new[] { ("p50", 0.5), ("p99", 0.99) })
        {
            var d = Overhead.Percentile(directMs, fraction);
            var r = Overhead.Percentile(routedMs, fraction);
            Figure($"router.overhead_ms.{suffix}", r - d, "ms", 3);
            Figure($"router.direct_ms.{suffix}", d, "ms", 3);
            Figure($"router.routed_ms.{suffix}", r, "ms", 3);
        }

        Note($"GET {path} (describe of a finished 10-step instance, {(await direct.GetByteArrayAsync(path)).Length} bytes) with the tenant's key, " +
             $"{options.Requests} times straight to node {node} and {options.Requests} times through the router, alternating one by one " +
             $"(which goes first swaps each round), one request at a time, each path over one keep-alive connection, after " +
             $"{options.Requests / 4} unreported pairs; client-side time from send to body read. overhead = routed percentile - direct " +
             $"percentile. Mean direct {directMs.Average():F3} ms, routed {routedMs.Average():F3} ms. The router's process used " +
             $"{routerUs:F0} us of CPU per forwarded request (warm-up included). Load average after: {LoadAverage()}.");
    }

    private static async Task ThroughputAsync(BenchCluster cluster, byte[] dll, RouterBenchOptions options)
    {
        var results = new Dictionary<string, LoadResult>();
        var tenants = new List<(string Id, string Key, string Node)>();
        // The 1-node tenants are then driven straight at node a, without the router: what the router costs under load.
        foreach (var (label, router, target) in new[]
                 {
                     ("2_nodes", cluster.Router, cluster.Router), ("1_node", cluster.RouterOneNode, cluster.RouterOneNode),
                     ("1_node_direct", cluster.RouterOneNode, cluster.Node("a")),
                 })
        {
            if (label != "1_node_direct")
            {
                tenants.Clear();
                for (var i = 0; i < Tenants; i++)
                {
                    var id = $"cc{label[0]}-{i:D2}";
                    var (key, node) = await RouterApi.NewTenantAsync(router, id, dll);
                    tenants.Add((id, key, node));
                }
            }

            // One client per tenant (its key); HttpClients over separate handlers, so up to Clients connections each.
            var clients = tenants.Select(t => BenchCluster.Client(target, t.Key, options.Clients)).ToArray();
            var cpuBefore = cluster.CpuSeconds();
            var wall = Stopwatch.StartNew();
            var next = 0;
            async Task<string?> CreateAndWaitAsync()
            {
                var i = (int)((uint)Interlocked.Increment(ref next) % Tenants);
                using var response = await clients[i].PostAsJsonAsync(
                    $"/v1/tenants/{tenants[i].Id}/workflows/{RouterDll.TenSteps}/instances?wait=30s", new { @params = 1 });
                var text = await response.Content.ReadAsStringAsync();
                return (int)response.StatusCode == 201 && text.Contains("\"status\":\"complete\"", StringComparison.Ordinal)
                    ? null : $"{(int)response.StatusCode}: {text}";
            }

            WindowCounters Counters() => WindowCounters.Read(new LogWriteStats());
            var result = await LoadLoop.RunAsync(options.Clients, TimeSpan.FromSeconds(options.WarmUpSeconds),
                TimeSpan.FromSeconds(options.Seconds), CreateAndWaitAsync, Counters);
            var cpuAfter = cluster.CpuSeconds();
            var cores = string.Join(", ", cpuAfter.Select(p => $"{p.Key} {(p.Value - cpuBefore[p.Key]) / wall.Elapsed.TotalSeconds:F2}"));
            foreach (var client in clients)
            {
                client.Dispose();
            }

            Progress($"create+wait {label}: {result.Summary()}");
            results[label] = result;
            Figure($"router.create_complete_per_s.{label}", result.PerSecond, "requests/s");
            Note((label == "1_node_direct" ? "The 1_node tenants, with the same load sent straight to node a. " : "") + $"{Tenants} tenants created through the router, by node: " +
                 string.Join(", ", tenants.GroupBy(t => t.Node).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) +
                 $"; {options.Clients} callers, each sending POST /v1/tenants/{{t}}/workflows/ten/instances?wait=30s (10 steps) to the " +
                 $"tenants in turn and the next when it answered 201 complete; {options.WarmUpSeconds} s warm-up, then a {options.Seconds} s " +
                 $"window: {result.Succeeded} succeeded, {result.Failed} failed" +
                 (result.FailureSamples.Count > 0 ? $" (e.g. {result.FailureSamples[0]})" : "") +
                 $"; latency p50 {result.LatencyPercentile(0.5):F1} ms, p99 {result.LatencyPercentile(0.99):F1} ms; " +
                 $"CPU cores used over warm-up and window by process: {cores}, this client {result.CpuCores:F2}; " +
                 $"machine CPU pressure {result.Used.CpuPressure(result.Seconds):P0}; load average after: {LoadAverage()}.");
        }

        Figure("router.create_complete_per_s.ratio_2_to_1", results["2_nodes"].PerSecond / results["1_node"].PerSecond, "x", 2);
        Figure("router.create_complete_per_s.ratio_router_to_direct", results["1_node"].PerSecond / results["1_node_direct"].PerSecond, "x", 2);
        Note("Both nodes and the router share this machine's cores, so 2 nodes cannot be faster here than the CPU allows: the ratio " +
             "shows whether the router or placement holds throughput down, not how nodes on separate machines scale.");
    }

    private static async Task MoveWithInstancesAsync(BenchCluster cluster, byte[] dll)
    {
        const string tenant = "move-busy";
        var (key, node) = await RouterApi.NewTenantAsync(cluster.Router, tenant, dll);
        using var client = BenchCluster.Client(cluster.Router, key, 16);
        await RouterApi.ForEachAsync(1000, 16, i => RouterApi.CreateAsync(client, tenant, RouterDll.TenSteps, i, wait: true));
        await RouterApi.ForEachAsync(50, 16, i => RouterApi.CreateAsync(client, tenant, RouterDll.Waiter, i, wait: false));
        var waiting = 0;
        for (var tries = 0; tries < 1200 && (waiting = await RouterApi.CountAsync(client, tenant, "waiting")) < 50; tries++)
        {
            await Task.Delay(100);
        }

        var complete = await RouterApi.CountAsync(client, tenant, "complete");
        var logMb = LogMb(cluster, node, tenant);
        var to = node == "a" ? "b" : "a";
        var (seconds, unavailableMs, from, _) = await TenantMove.RunAsync(cluster.Router, tenant, to);
        // After the move: the waiting instances are on the target, and an event reaches one of them.
        var waitingAfter = await RouterApi.CountAsync(client, tenant, "waiting");
        Figure("router.move.unavailable_ms", unavailableMs, "ms");
        Figure("router.move.seconds.1000_finished_50_waiting", seconds, "s", 2);
        Note($"Tenant with {complete} complete 10-step instances and {waiting} instances waiting for an event (created through the " +
             $"router), moved {from} -> {to} with POST /v1/tenants/{tenant}/move, GET /v1/moves/{{id}} polled every 20 ms until done; " +
             $"unavailable_ms is the router's unavailableMs (tenant frozen until placement switched); seconds is POST to done as polled. " +
             $"log.db (+ -wal) on {from} before the move: {logMb:F1} MiB. After the move {waitingAfter} instances wait on {to}. " +
             $"Load average after: {LoadAverage()}.");
    }

    private static async Task MoveLargeAsync(BenchCluster cluster, RouterBenchOptions options)
    {
        const string tenant = "move-large";
        const int steps = 16, pad = 64 * 1024;
        var (key, node) = await RouterApi.NewTenantAsync(cluster.Router, tenant, LoopDll.Build());
        using var client = BenchCluster.Client(cluster.Router, key, 4);
        var fill = Stopwatch.StartNew();
        var instances = 0;
        while (LogMb(cluster, node, tenant) < options.MoveMb)
        {
            await RouterApi.ForEachAsync(8, 4, i => RouterApi.CreateAsync(client, tenant, LoopDll.Workflow,
                new { steps, pad, sleepMs = 0 }, wait: true));
            instances += 8;
        }

        var mb = LogMb(cluster, node, tenant);
        Progress($"move-large: {instances} instances, log {mb:F1} MiB in {fill.Elapsed.TotalSeconds:F1} s");
        var to = node == "a" ? "b" : "a";
        var (seconds, unavailableMs, from, _) = await TenantMove.RunAsync(cluster.Router, tenant, to);
        Figure("router.move.seconds", seconds, "s", 2);
        Figure("router.move.tenant_mb", mb, "MiB", 1);
        Figure("router.move.unavailable_ms.large", unavailableMs, "ms");
        Note($"Tenant filled through the router with {instances} complete instances of {steps} steps, each step returning {pad / 1024} KiB of " +
             $"random base64 text (incompressible; under the host's 1 MiB payload limit), until log.db (+ -wal) on {from} was {mb:F1} MiB; " +
             $"moved {from} -> {to}; seconds is POST to done as polled every 20 ms (freeze, backup streamed into restore, switch, delete " +
             $"on the source). Load average after: {LoadAverage()}.");
    }

    private static double LogMb(BenchCluster cluster, string node, string tenant)
    {
        var log = cluster.LogPath(node, tenant);
        return new[] { log, log + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / (1024.0 * 1024);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
