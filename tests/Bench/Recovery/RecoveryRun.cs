using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Skein.Bench.Router;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Recovery;

/// <summary>
/// One run: a host process with one tenant whose instances are running, waiting and sleeping, killed with SIGKILL,
/// started again on the same data folder; times from the new process's start to <c>/readyz</c> and to every due
/// instance having finished.
/// </summary>
internal sealed class RecoveryRun
{
    private const string AdminKey = "bench-recovery-admin-key-0123456789";
    private const string Tenant = "recovery";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private readonly RecoveryBenchOptions _options;
    private readonly string _dataDir;

    private RecoveryRun(RecoveryBenchOptions options, string dataDir)
    {
        _options = options;
        _dataDir = dataDir;
    }

    public static async Task<RecoveryResult> RunAsync(RecoveryBenchOptions options, byte[] dll)
    {
        using var data = new TempDirectory(options.DataRoot);
        return await new RecoveryRun(options, data.Path).MeasureAsync(dll);
    }

    private async Task<RecoveryResult> MeasureAsync(byte[] dll)
    {
        long dueAt;
        using (var first = await StartAsync())
        {
            var key = await SetUpTenantAsync(first.Address, dll);
            using var client = BenchCluster.Client(first.Address, key, connections: 8);
            var hour = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
            await CreateAsync(client, "event", _options.Waiting, 0);
            await CreateAsync(client, "sleep", _options.Sleeping, hour);
            // The due sleepers wake a little after everything is in place, which the host will not live to see.
            dueAt = DateTimeOffset.UtcNow.AddSeconds(20).ToUnixTimeMilliseconds();
            await CreateAsync(client, "sleep", _options.DueSleeping, dueAt);
            await CreateAsync(client, "hang", _options.Running, 0);
            using var admin = BenchCluster.Client(first.Address, AdminKey);
            await UntilAsync(async () =>
            {
                var counts = await CountsAsync(admin);
                return Count(counts, "waiting") == _options.Waiting + _options.Sleeping + _options.DueSleeping &&
                       Count(counts, "running") == _options.Running;
            }, "every instance running or waiting before the kill");
            if (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() >= dueAt)
            {
                throw new InvalidOperationException("Setting up took longer than the due sleepers' 20 s sleep; lower the counts.");
            }
        }

        // Disposing the process killed it with SIGKILL. The due sleepers become due while the host is down.
        var wait = dueAt - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait + 100));
        }

        var started = Stopwatch.GetTimestamp();
        using var second = await StartAsync(waitReady: false);
        using var probe = new HttpClient { BaseAddress = second.Address, Timeout = TimeSpan.FromSeconds(10) };
        await UntilAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "/readyz", pollMs: 10);
        var ready = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var admin2 = BenchCluster.Client(second.Address, AdminKey);
        var due = _options.Running + _options.DueSleeping;
        await UntilAsync(async () => Count(await CountsAsync(admin2), "complete") >= due, "every due instance to finish", pollMs: 20);
        var finished = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = await CountsAsync(admin2);
        return new RecoveryResult(ready, finished, second.CpuSeconds, Count(after, "complete"), Count(after, "waiting"), Count(after, "errored"));
    }

    private async Task<ServerProcess> StartAsync(bool waitReady = true)
    {
        var host = await ServerProcess.StartAsync("host", ServerProcess.HostDll, [
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            $"--Skein:DataDir={_dataDir}", $"--Skein:AdminKey={AdminKey}", "--Skein:MaxCreatesPerSecondPerTenant=1000000",
        ]);
        if (waitReady)
        {
            using var probe = new HttpClient { BaseAddress = host.Address };
            await UntilAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "/readyz");
        }

        return host;
    }

    private static async Task<string> SetUpTenantAsync(Uri host, byte[] dll)
    {
        using var admin = BenchCluster.Client(host, AdminKey);
        using var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = Tenant });
        var key = (await RouterApi.EnsureAsync(created, HttpStatusCode.Created))["apiKey"]!.GetValue<string>();
        using var client = BenchCluster.Client(host, key);
        using var content = new ByteArrayContent(dll);
        content.Headers.ContentType = new("application/octet-stream");
        using var deployed = await client.PostAsync($"/v1/tenants/{Tenant}/deployments", content);
        await RouterApi.EnsureAsync(deployed, HttpStatusCode.Created);
        return key;
    }

    /// <summary>Creates <paramref name="count"/> instances in batches of 100 (the batch endpoint's cap), 8 batches at a time.</summary>
    private static async Task CreateAsync(HttpClient client, string mode, int count, long until)
    {
        var batches = Enumerable.Range(0, (count + 99) / 100).Select(b => Math.Min(100, count - b * 100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (size, _) =>
        {
            var items = Enumerable.Range(0, size).Select(_ => new { @params = new { mode, until } }).ToArray();
            using var response = await client.PostAsJsonAsync($"/v1/tenants/{Tenant}/workflows/{RecoveryDll.Workflow}/instances/batch", items);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Batch create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });
        Progress($"created {count} '{mode}' instances");
    }

    /// <summary>The tenant's instances by status, from <c>skein_instances</c> in /metrics (labels in any order).</summary>
    private static async Task<Dictionary<string, long>> CountsAsync(HttpClient admin)
    {
        var text = await admin.GetStringAsync("/metrics");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var tenant = $"tenant=\"{Tenant}\"";
        const string status = "status=\"";
        foreach (var line in text.Split('\n'))
        {
            var at = line.IndexOf(status, StringComparison.Ordinal);
            if (line.StartsWith("skein_instances{", StringComparison.Ordinal) && line.Contains(tenant, StringComparison.Ordinal) && at >= 0)
            {
                var start = at + status.Length;
                var end = line.IndexOf('"', start);
                counts[line[start..end]] = (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return counts;
    }

    private static long Count(Dictionary<string, long> counts, string status) => counts.GetValueOrDefault(status);

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, int pollMs = 200)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Deadline.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or busy: poll again.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Timed out after {Deadline} waiting for {what}.");
            }

            await Task.Delay(pollMs);
        }
    }
}
