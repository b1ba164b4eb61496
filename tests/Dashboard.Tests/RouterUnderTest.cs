using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Skein.Router;
using Skein.Tests.Common;

namespace Skein.Dashboard.Tests;

/// <summary>A router in this process on a free loopback port, with one node: the host under test.</summary>
internal sealed class RouterUnderTest : IAsyncDisposable
{
    public const string AdminKey = "router-admin-key-0123456789";

    private readonly WebApplication _app;
    private readonly TempDataDir _dir;

    private RouterUnderTest(WebApplication app, TempDataDir dir, Uri baseAddress)
    {
        _app = app;
        _dir = dir;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<RouterUnderTest> StartAsync(Uri node)
    {
        var dir = new TempDataDir();
        var app = SkeinRouter.Create([
            "--urls=http://127.0.0.1:0",
            $"--Router:DataDir={dir.Path}",
            $"--Router:AdminKey={AdminKey}",
            "--Router:Nodes:0:Id=a",
            $"--Router:Nodes:0:Url={node}",
            $"--Router:Nodes:0:AdminKey={HostFixture.AdminKey}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Ready once its first probe of the node answered: before that it places no tenant.
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        await Eventually.UntilAsync(async () => (await client.GetAsync("/readyz")).IsSuccessStatusCode, ready => ready,
            "the router to see its node ready", TimeSpan.FromSeconds(60));
        return new RouterUnderTest(app, dir, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}
