using System.Net;
using System.Net.Http.Headers;

namespace Skein.Bench.Router;

/// <summary>
/// Two host nodes (<c>a</c>, <c>b</c>) and two routers as processes on loopback, data in a temporary folder: the
/// router over both nodes, and a router that knows only node <c>a</c> (the 1-node comparison). One admin key for all.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    public const string AdminKey = "bench-router-admin-key-0123456789";

    private readonly TempDirectory _data;
    private readonly List<ServerProcess> _processes = [];
    private readonly Dictionary<string, Uri> _nodes = [];

    private BenchCluster(TempDirectory data) => _data = data;

    /// <summary>The router over nodes a and b.</summary>
    public Uri Router { get; private set; } = null!;

    /// <summary>A router whose only node is a.</summary>
    public Uri RouterOneNode { get; private set; } = null!;

    public Uri Node(string id) => _nodes[id];

    /// <summary>CPU seconds used so far by each process, by name (a, b, router2, router1).</summary>
    public Dictionary<string, double> CpuSeconds() => _processes.ToDictionary(p => p.Name, p => p.CpuSeconds);

    /// <summary>A tenant's log on disk (its size is what a move copies, with the deployments).</summary>
    public string LogPath(string node, string tenant) => Path.Combine(_data.Path, node, "tenants", tenant, "log.db");

    public static async Task<BenchCluster> StartAsync(string dataRoot)
    {
        var cluster = new BenchCluster(new TempDirectory(dataRoot));
        foreach (var node in new[] { "a", "b" })
        {
            var host = await cluster.StartAsync(node, ServerProcess.HostDll, [
                $"--Skein:DataDir={Path.Combine(cluster._data.Path, node)}",
                $"--Skein:AdminKey={AdminKey}",
            ]);
            cluster._nodes[node] = host.Address;
        }

        cluster.Router = await cluster.StartRouterAsync("router2", "a", "b");
        cluster.RouterOneNode = await cluster.StartRouterAsync("router1", "a");
        return cluster;
    }

    /// <summary>A client with keep-alive connections (at most <paramref name="connections"/>) and a bearer key.</summary>
    public static HttpClient Client(Uri address, string key, int connections = 1)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseCookies = false,
        };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<ServerProcess> StartAsync(string name, string dll, IEnumerable<string> settings)
    {
        var process = await ServerProcess.StartAsync(name, dll, [
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. settings,
        ]);
        _processes.Add(process);
        await WaitReadyAsync(process.Address);
        return process;
    }

    private async Task<Uri> StartRouterAsync(string name, params string[] nodes)
    {
        var settings = new List<string> { $"--Router:DataDir={Path.Combine(_data.Path, name)}", $"--Router:AdminKey={AdminKey}" };
        for (var i = 0; i < nodes.Length; i++)
        {
            settings.Add($"--Router:Nodes:{i}:Id={nodes[i]}");
            settings.Add($"--Router:Nodes:{i}:Url={_nodes[nodes[i]]}");
        }

        var router = await StartAsync(name, ServerProcess.RouterDll, settings);
        // Ready means each node was probed once; placement needs them seen healthy.
        using var client = Client(router.Address, AdminKey);
        await Until(async () => !(await client.GetStringAsync("/v1/nodes")).Contains("\"healthy\":false", StringComparison.Ordinal),
            $"{name} to see its nodes healthy");
        return router.Address;
    }

    private static async Task WaitReadyAsync(Uri address)
    {
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        await Until(async () =>
        {
            try
            {
                return (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"{address} to be ready");
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
