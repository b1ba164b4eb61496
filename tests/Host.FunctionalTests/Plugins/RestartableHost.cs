using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>A real host node over its own data folder that a test can stop and start again, as an operator restarts one.</summary>
internal sealed class RestartableHost : IAsyncDisposable
{
    private readonly TempDataDir _dir = new();
    private WebApplication? _app;

    public string DataDir => _dir.Path;

    public static async Task<RestartableHost> StartAsync()
    {
        var host = new RestartableHost();
        await host.StartAppAsync();
        return host;
    }

    /// <summary>A client with <paramref name="key"/>, for the node as it runs now (its port changes on restart).</summary>
    public HttpClient Client(string key = HostFixture.AdminKey)
    {
        var address = _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Stops the node gracefully and starts a new one over the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        _dir.Dispose();
    }

    private async Task StartAppAsync()
    {
        _app = SkeinHost.Create([
            "--urls=http://127.0.0.1:0",
            $"--Skein:DataDir={_dir.Path}",
            $"--Skein:AdminKey={HostFixture.AdminKey}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
    }

    private async Task StopAppAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
