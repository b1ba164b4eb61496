using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host;

namespace Skein.Tests.Common;

/// <summary>
/// A real host node (Kestrel on a free loopback port) over a temporary data folder, with a known admin key.
/// Shared by the tests of a class; each test makes its own tenants.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly TempDataDir _dir = new();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public string DataDir => _dir.Path;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        _app = SkeinHost.Create([
            "--urls=http://127.0.0.1:0",
            $"--Skein:DataDir={_dir.Path}",
            $"--Skein:AdminKey={AdminKey}",
            "--Logging:LogLevel:Default=Warning",
            .. ExtraArguments,
        ]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>More command-line arguments for the host, in a subclass.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public HttpClient Client(string? key = AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _dir.Dispose();
    }
}
