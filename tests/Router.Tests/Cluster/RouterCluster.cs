using System.Net;
using System.Net.Http.Headers;
using Skein.Tests.Common;

namespace Skein.Router.Tests.Cluster;

/// <summary>
/// A router and two real host nodes (<c>a</c> and <c>b</c>) on loopback, started once for the whole collection.
/// Tests that kill or restart a process put the cluster back as they found it (every node up, the router knowing
/// both), so the tests in the collection can run in any order.
/// </summary>
public sealed class RouterCluster : IAsyncLifetime
{
    /// <summary>One operator key for the router and both hosts: the setup docs/operations.md describes.</summary>
    public const string AdminKey = "router-tests-admin-key-0123456789";

    public const string Domain = "skein.test";

    /// <summary>Short, so a dead node is noticed quickly; deadlines in the tests are derived from it.</summary>
    public static readonly TimeSpan HealthCheckInterval = TimeSpan.FromMilliseconds(500);

    public static readonly string[] NodeIds = ["a", "b"];

    private readonly TempDataDir _data = new();
    private readonly Dictionary<string, ServerProcess> _hosts = [];
    private readonly Dictionary<string, Uri> _hostUrls = [];
    private ServerProcess? _router;

    public Uri RouterUrl => _router!.Address;

    /// <summary>How long a node's death may take to show: two failed probes, with room for a loaded machine.</summary>
    public static TimeSpan HealthDeadline => HealthCheckInterval * 60;

    public Uri HostUrl(string node) => _hostUrls[node];

    /// <summary>While this file exists, every restore on the nodes waits at its commit point (<c>Skein:Testing:RestoreHoldFile</c>).</summary>
    public string RestoreHoldFile => Path.Combine(_data.Path, "hold-restores");

    /// <summary>The node's latest log lines (warnings and up, and the restore service's information).</summary>
    public string HostOutput(string node) => _hosts[node].Output;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(NodeIds.Select(StartHostAsync));
        await StartRouterAsync(NodeIds);
    }

    public Task DisposeAsync()
    {
        _router?.Dispose();
        foreach (var host in _hosts.Values)
        {
            host.Dispose();
        }

        _data.Dispose();
        return Task.CompletedTask;
    }

    public HttpClient Router(string? key = AdminKey) => Client(RouterUrl, key);

    public HttpClient Direct(string node, string? key = AdminKey) => Client(_hostUrls[node], key);

    public async Task KillHostAsync(string node)
    {
        await _hosts[node].KillAsync();
        _hosts[node].Dispose();
        _hosts.Remove(node);
    }

    /// <summary>Starts a node again on its data folder and its address (the router's configuration names it).</summary>
    public async Task StartHostAsync(string node)
    {
        var url = _hostUrls.TryGetValue(node, out var known) ? known.ToString().TrimEnd('/') : "http://127.0.0.1:0";
        var host = await ServerProcess.StartAsync(BuildOutputs.HostDll,
        [
            $"--urls={url}",
            $"--Skein:DataDir={Path.Combine(_data.Path, node)}",
            $"--Skein:AdminKey={AdminKey}",
            $"--Skein:Testing:RestoreHoldFile={RestoreHoldFile}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            "--Logging:LogLevel:Skein.Host.Backup.RestoreService=Information",
        ]);
        lock (_hosts)
        {
            _hosts[node] = host;
            _hostUrls[node] = host.Address;
        }

        await WaitReadyAsync(host.Address);
    }

    /// <summary>kill -9 the router and start it again on the same placement database, knowing only <paramref name="nodes"/>.</summary>
    public async Task RestartRouterAsync(params string[] nodes)
    {
        if (_router is not null)
        {
            await _router.KillAsync();
            _router.Dispose();
            _router = null;
        }

        await StartRouterAsync(nodes);
    }

    /// <summary>kill -9 the router and start it again knowing both nodes, with extra settings (a test hook).</summary>
    public async Task RestartRouterWithAsync(params string[] settings)
    {
        if (_router is not null)
        {
            await _router.KillAsync();
            _router.Dispose();
            _router = null;
        }

        await StartRouterAsync(NodeIds, settings);
    }

    /// <summary>Waits until the router's process has ended by itself (a test hook killed it).</summary>
    public Task<int> WaitForRouterExitAsync(TimeSpan deadline) => _router!.WaitForExitAsync(deadline);

    public string RouterOutput => _router?.Output ?? "";

    private async Task StartRouterAsync(IEnumerable<string> nodes, params string[] settings)
    {
        var arguments = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Router:DataDir={Path.Combine(_data.Path, "router")}",
            $"--Router:AdminKey={AdminKey}",
            $"--Router:Domain={Domain}",
            $"--Router:HealthCheckInterval={HealthCheckInterval}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        };
        arguments.AddRange(settings);
        var i = 0;
        foreach (var node in nodes)
        {
            arguments.Add($"--Router:Nodes:{i}:Id={node}");
            arguments.Add($"--Router:Nodes:{i}:Url={_hostUrls[node]}");
            i++;
        }

        _router = await ServerProcess.StartAsync(BuildOutputs.RouterDll, arguments);
        await WaitReadyAsync(_router.Address);
        // Ready means every node was probed once; wait until the ones that are up are seen healthy too.
        using var client = Router();
        await Eventually.UntilAsync(async () => await client.GetStringAsync("/v1/nodes"),
            json => !json.Contains("\"healthy\":false", StringComparison.Ordinal) || _hosts.Count < NodeIds.Length,
            "the router to see its nodes healthy", HealthDeadline);
    }

    private static async Task WaitReadyAsync(Uri address)
    {
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                return (await probe.GetAsync("/readyz")).StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }, s => s == HttpStatusCode.OK, $"{address} to be ready", TimeSpan.FromSeconds(120));
    }

    private static HttpClient Client(Uri address, string? key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
