using System.Runtime;
using Skein.Bench.Plugins;
using Skein.Host.Engine;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Http;

/// <summary>
/// The <c>http</c> benchmark: a real host on loopback driven by concurrent keep-alive clients in the same process —
/// create and wait for a 3-step workflow, fire-and-forget creates, and HTTP triggers.
/// </summary>
internal static class HttpBenchmark
{
    private const string Tenant = "bench-http";

    public static async Task RunAsync(HttpBenchOptions options)
    {
        var dll = TenantDll.Build(1);
        await using var host = await BenchHost.StartAsync(options.DataRoot);
        using var admin = host.Client(BenchHost.AdminKey, 2);
        var key = await BenchApi.NewTenantAsync(admin, Tenant);
        using var client = host.Client(key, options.Clients);
        await BenchApi.DeployAsync(client, Tenant, dll);
        var engine = host.Service<TenantRuntimes>();
        var requests = new TenantRequests(client, Tenant);
        var log = engine.Runtime(Tenant).Log.Stats;
        WindowCounters Counters() => WindowCounters.Read(log);

        var fsync = FsyncProbe.MeasureMs(options.DataRoot);
        Progress($"fsync of a 4 KiB append under {options.DataRoot}: p50 {Percentiles.Of(fsync, 0.5):F2} ms, p99 {Percentiles.Of(fsync, 0.99):F2} ms");
        // JIT and tiering: every path is exercised before any window, or the first phase pays for the others' warm-up.
        var warmUps = new (string Name, Func<Task<string?>> Request)[]
        {
            ("create+wait", requests.CreateAndWaitAsync), ("create", requests.CreateAsync), ("trigger", requests.TriggerAsync),
        };
        foreach (var (name, warm) in warmUps)
        {
            Progress($"warm-up (not reported): {name} for {options.WarmUpSeconds} s");
            await LoadLoop.RunAsync(options.Clients, TimeSpan.FromSeconds(options.WarmUpSeconds), TimeSpan.Zero, warm, Counters);
            await Backlog.DrainAsync(engine, Tenant);
        }

        var health = await PhaseAsync("healthz", options, requests.HealthAsync, Counters);
        var createAndWait = await PhaseAsync("create+wait", options, requests.CreateAndWaitAsync, Counters);
        var create = await PhaseAsync("create", options, requests.CreateAsync, Counters);
        var createBacklog = await Backlog.DrainAsync(engine, Tenant);
        Progress($"create: backlog of {createBacklog.Unfinished} unfinished instances drained in {createBacklog.Seconds:F1} s");
        var trigger = await PhaseAsync("trigger", options, requests.TriggerAsync, Counters);
        var triggerBacklog = await Backlog.DrainAsync(engine, Tenant);
        Progress($"trigger: backlog of {triggerBacklog.Unfinished} unfinished instances drained in {triggerBacklog.Seconds:F1} s");

        Note($"Skein host (SkeinHost.Create, Kestrel, HTTP/1.1 on 127.0.0.1), {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
             $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, data under {options.DataRoot}; one tenant with maxCreatesPerSecond=1000000 and " +
             "maxConcurrentInstances=100000, so neither limit binds.");
        Figure("http.disk_fsync_ms.p50", Percentiles.Of(fsync, 0.5), "ms", 2);
        Note($"Appends of 4 KiB to a file under the data root, each followed by fsync, {fsync.Length} times (p99 {Percentiles.Of(fsync, 0.99):F2} ms): " +
             "the floor under every log commit (SQLite WAL, synchronous=FULL), whatever the CPU.");
        Note($"Load: {options.Clients} callers in the same process as the host, sharing one HttpClient over SocketsHttpHandler with " +
             $"{options.Clients} keep-alive connections; each caller sends its next request when the last one answered. Every figure: " +
             $"{options.WarmUpSeconds} s warm-up, then requests that ended in a {options.Seconds} s window; before all of them, {options.WarmUpSeconds} s " +
             "of each API load, unreported, so JIT tiering is done. Client and server share the cores, so cpu_us_per_request counts both; " +
             "cpu_pressure is the share of the window in which some task on the machine waited for a CPU (/proc/pressure/cpu): other load on the machine. " +
             "commits_per_s, writes_per_commit and commit_ms.mean (time inside COMMIT: WAL append + fsync) are the tenant log's LogWriteStats; " +
             "writer_cpu_cores is the CPU of its single writer thread (/proc/self/task); alloc_kib_per_request is GC.GetTotalAllocatedBytes per request.");
        Report("http.healthz_per_s", health, "GET /healthz (200): the HTTP stack and the client alone, as a ceiling for the API figures.");
        Report("http.create_complete_per_s", createAndWait,
            $"POST /v1/tenants/{{t}}/workflows/{TenantDll.Workflow}/instances?wait=30s with {{\"params\":1}}: answered 201 with status complete " +
            "once the 3-step instance finished: 6 log writes (create, mark running, 3 steps, finish), each awaited until its group commit " +
            "(fsync) before the next, so every request waits for at least 6 commits in a row.");
        Figure("http.latency_ms.p50", createAndWait.LatencyPercentile(0.5), "ms", 2);
        Figure("http.latency_ms.p99", createAndWait.LatencyPercentile(0.99), "ms", 2);
        Note($"Latency of the create+wait requests above, client side (send to response body read), over {createAndWait.Succeeded} requests.");
        Report("http.create_per_s", create,
            $"POST .../instances without wait: answered 201 once the instance is durably created; the instances run in the background " +
            $"meanwhile, on the same cores. Backlog at the end: {createBacklog.Unfinished} unfinished, finished {createBacklog.Seconds:F1} s later.");
        Report("http.trigger_per_s", trigger,
            $"POST /v1/tenants/{{t}}/run/{TenantDll.TriggerRoute} with body 1, matched to the workflow's [HttpTrigger], answered 202 once created; " +
            $"runs in the background. Backlog at the end: {triggerBacklog.Unfinished} unfinished, finished {triggerBacklog.Seconds:F1} s later.");
        Figure("http.failed_requests", health.Failed + createAndWait.Failed + create.Failed + trigger.Failed, "requests");
        Note("Requests answered with another status (or not answered) in the four windows above" +
             string.Concat(new[] { health, createAndWait, create, trigger }.SelectMany(r => r.FailureSamples).Take(3).Select(f => "; e.g. " + f)));
    }

    private static async Task<LoadResult> PhaseAsync(string name, HttpBenchOptions options, Func<Task<string?>> request,
        Func<WindowCounters> counters)
    {
        var result = await LoadLoop.RunAsync(options.Clients, TimeSpan.FromSeconds(options.WarmUpSeconds),
            TimeSpan.FromSeconds(options.Seconds), request, counters);
        Progress($"{name}: {result.Summary()}");
        return result;
    }

    private static void Report(string name, LoadResult result, string how)
    {
        Figure(name, result.PerSecond, "requests/s");
        var prefix = name.Replace("_per_s", "", StringComparison.Ordinal);
        var used = result.Used;
        Figure(prefix + ".cpu_us_per_request", result.CpuMicrosecondsPerRequest, "us/request");
        Figure(prefix + ".alloc_kib_per_request", result.AllocatedKiBPerRequest, "KiB/request", 1);
        Figure(prefix + ".cpu_cores", result.CpuCores, "cores", 2);
        Figure(prefix + ".cpu_pressure", used.CpuPressure(result.Seconds) * 100, "%");
        if (used.Commits > 0)
        {
            Figure(prefix + ".commits_per_s", used.Commits / result.Seconds, "commits/s");
            Figure(prefix + ".writes_per_commit", used.WritesPerCommit, "writes/commit", 1);
            Figure(prefix + ".commit_ms.mean", used.CommitMs, "ms", 2);
            Figure(prefix + ".writer_cpu_cores", used.WriterCpuSeconds / result.Seconds, "cores", 2);
        }

        Note($"{how} {result.Succeeded} succeeded and {result.Failed} failed in {result.Seconds:F1} s; process CPU " +
             $"({used.Process.UserSeconds:F1} s user, {used.Process.KernelSeconds:F1} s kernel), {used.Process.Gen0Collections} gen0 and {used.Gen2Collections} gen2 GCs, " +
             $"JIT {used.JitMethods} methods in {used.JitTime.TotalMilliseconds:F0} ms.");
    }
}
