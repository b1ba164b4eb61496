using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests.Faults;

/// <summary>
/// The router in the test process, in front of <see cref="FakeNode"/>s, with its log captured. Started as the
/// program starts it (<see cref="RouterSetup"/>), on a free loopback port and a placement database of its own.
/// </summary>
internal sealed class InProcessRouter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDataDir _data;

    private InProcessRouter(WebApplication app, TempDataDir data, LogCapture log, Uri address)
    {
        _app = app;
        _data = data;
        Log = log;
        Address = address;
    }

    public LogCapture Log { get; }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a router whose nodes are <paramref name="nodes"/>, and waits until it sees them all healthy.</summary>
    public static async Task<InProcessRouter> StartAsync(IReadOnlyDictionary<string, Uri> nodes, params string[] settings)
    {
        var data = new TempDataDir();
        var arguments = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Router:DataDir={data.Path}",
            $"--Router:AdminKey={RouterCluster.AdminKey}",
            "--Router:HealthCheckInterval=00:00:00.2",
            "--Logging:LogLevel:Skein=Debug",
        };
        arguments.AddRange(nodes.Select((n, i) => $"--Router:Nodes:{i}:Id={n.Key}"));
        arguments.AddRange(nodes.Select((n, i) => $"--Router:Nodes:{i}:Url={n.Value}"));
        arguments.AddRange(settings);
        var builder = WebApplication.CreateBuilder([.. arguments]);
        var log = new LogCapture();
        builder.Logging.ClearProviders().AddProvider(log);
        builder.Services.AddSkeinRouter(builder.Configuration);
        var app = builder.Build();
        app.MapSkeinRouter();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var router = new InProcessRouter(app, data, log, address);
        using var client = router.Client();
        await Eventually.UntilAsync(async () => await client.GetStringAsync("/v1/nodes"),
            json => !json.Contains("\"healthy\":false", StringComparison.Ordinal), "the router to see its nodes healthy", TimeSpan.FromSeconds(60));
        return router;
    }

    public HttpClient Client(string? key = RouterCluster.AdminKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a tenant through the router; the fake node takes it.</summary>
    public async Task CreateTenantAsync(string id)
    {
        using var client = Client();
        using var response = await client.PostAsync("/v1/tenants", new StringContent($"{{\"id\":\"{id}\"}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
