using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host;

namespace Skein.Bench.Http;

/// <summary>
/// A real host node, built by <see cref="SkeinHost.Create"/> as the program builds it: Kestrel on a free loopback
/// port over a fresh data folder (deleted on dispose), with a known admin key.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789";

    private readonly TempDirectory _dir;
    private readonly WebApplication _app;

    private BenchHost(TempDirectory dir, WebApplication app, Uri baseAddress)
    {
        _dir = dir;
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string DataDir => _dir.Path;

    public static async Task<BenchHost> StartAsync(string dataRoot)
    {
        var dir = new TempDirectory(dataRoot);
        var app = SkeinHost.Create([
            "--urls=http://127.0.0.1:0",
            $"--Skein:DataDir={dir.Path}",
            $"--Skein:AdminKey={AdminKey}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchHost(dir, app, new Uri(address));
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>
    /// A client over its own <see cref="SocketsHttpHandler"/>: keep-alive connections, up to <paramref name="connections"/>
    /// of them, so each of that many concurrent callers keeps one open connection.
    /// </summary>
    public HttpClient Client(string key, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
