using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Skein.Bench.Http;
using Skein.Host.Plugins;

namespace Skein.Bench.Plugins;

/// <summary>
/// A real host on loopback: HTTP callers create instances with <c>?wait=30s</c> in a closed loop while new versions
/// are uploaded over HTTP, one after another, each at least half a second and 25 finished requests after the last. Every answer
/// other than 201 with status complete counts as failed, as does any request that got no answer.
/// </summary>
internal static class HotSwap
{
    private const string Tenant = "swap";
    private const int RequestsBetweenUploads = 25;
    private static readonly TimeSpan UploadInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static async Task<HotSwapResult> RunAsync(IReadOnlyList<byte[]> dlls, int clients, int swaps, string dataRoot)
    {
        await using var host = await BenchHost.StartAsync(dataRoot);
        using var admin = host.Client(BenchHost.AdminKey, 2);
        var key = await BenchApi.NewTenantAsync(admin, Tenant);
        using var client = host.Client(key, clients + 1);
        await BenchApi.DeployAsync(client, Tenant, dlls[0]);

        var callers = new Callers(client);
        var started = Stopwatch.GetTimestamp();
        var load = Enumerable.Range(0, clients).Select(_ => Task.Run(callers.RunAsync)).ToArray();
        var uploadMs = new double[swaps];
        for (var swap = 0; swap < swaps; swap++)
        {
            await Task.WhenAll(callers.WaitForMoreAsync(RequestsBetweenUploads), Task.Delay(UploadInterval));
            var upload = Stopwatch.GetTimestamp();
            await BenchApi.DeployAsync(client, Tenant, dlls[(swap + 1) % dlls.Count]);
            uploadMs[swap] = Stopwatch.GetElapsedTime(upload).TotalMilliseconds;
        }

        await Task.WhenAll(callers.WaitForMoreAsync(RequestsBetweenUploads), Task.Delay(UploadInterval));
        callers.Stop();
        await Task.WhenAll(load);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var loaded = host.Service<LoadedVersions>().LoadedVersionsOf(Tenant).Count;
        return new HotSwapResult(callers.Requests, callers.Failed, callers.FailureSamples, callers.CompletedByVersion,
            uploadMs, loaded, seconds);
    }

    /// <summary>The closed loop of callers and what they counted.</summary>
    private sealed class Callers(HttpClient client)
    {
        private const int MaxFailureSamples = 5;
        private static readonly byte[] Body = """{"params":1}"""u8.ToArray();
        private readonly string _path = $"/v1/tenants/{Tenant}/workflows/{TenantDll.Workflow}/instances?wait=30s";
        private readonly ConcurrentDictionary<int, int> _byVersion = new();
        private readonly ConcurrentQueue<string> _failures = new();
        private int _requests;
        private int _failed;
        private volatile bool _stop;

        public int Requests => Volatile.Read(ref _requests);

        public int Failed => Volatile.Read(ref _failed);

        public IReadOnlyList<string> FailureSamples => [.. _failures];

        public IReadOnlyDictionary<int, int> CompletedByVersion => new SortedDictionary<int, int>(_byVersion);

        public void Stop() => _stop = true;

        public async Task RunAsync()
        {
            while (!_stop)
            {
                var failure = await SendAsync();
                Interlocked.Increment(ref _requests);
                if (failure is not null && Interlocked.Increment(ref _failed) <= MaxFailureSamples)
                {
                    _failures.Enqueue(failure.Length > 300 ? failure[..300] : failure);
                }
            }
        }

        /// <summary>Waits until the callers finished <paramref name="count"/> more requests (bounded by a deadline).</summary>
        public async Task WaitForMoreAsync(int count)
        {
            var target = Requests + count;
            var started = Stopwatch.GetTimestamp();
            while (Requests < target)
            {
                if (Stopwatch.GetElapsedTime(started) > Deadline)
                {
                    throw new TimeoutException($"The callers finished {Requests} of {target} requests in {Deadline}.");
                }

                await Task.Delay(5);
            }
        }

        private async Task<string?> SendAsync()
        {
            try
            {
                using var content = new ByteArrayContent(Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(_path, content);
                var text = await response.Content.ReadAsStringAsync();
                var body = response.StatusCode == HttpStatusCode.Created ? JsonNode.Parse(text) : null;
                if (body?["status"]?.GetValue<string>() != "complete")
                {
                    return $"{(int)response.StatusCode}: {text}";
                }

                _byVersion.AddOrUpdate(body["version"]!.GetValue<int>(), 1, (_, n) => n + 1);
                return null;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
            {
                return error.GetType().Name + ": " + error.Message;
            }
        }
    }
}
