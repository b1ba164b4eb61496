using Skein.Host.FunctionalTests;
using Skein.Tests.Common;

namespace Skein.Cli.Tests;

/// <summary>One real host process (src/Host as built) on a free loopback port and a temporary data folder, shared by a test class.</summary>
public sealed class CliHost : IAsyncLifetime
{
    public const string AdminKey = "process-admin-key-0123456789";

    private readonly TempDataDir _data = new();
    private HostProcess? _process;

    public Uri Url { get; private set; } = null!;

    public string UrlText => Url.ToString().TrimEnd('/');

    /// <summary>What the host process has printed so far (its log lines): shown when a command fails unexpectedly.</summary>
    public string HostOutput => _process?.Output ?? "";

    public async Task InitializeAsync()
    {
        _process = HostProcess.Start(_data.Path);
        Url = await _process.WaitUntilListeningAsync(TimeSpan.FromMinutes(2));
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A runner that talks to this host with the operator's key (through the environment variables).</summary>
    public CliRunner Operator() => new(new Dictionary<string, string> { ["SKEIN_URL"] = UrlText, ["SKEIN_KEY"] = AdminKey });

    /// <summary>A new tenant created with <c>skein tenants create --json</c>, and a runner acting as it.</summary>
    public async Task<(string Tenant, string Key, CliRunner Cli)> NewTenantAsync(string prefix = "cli")
    {
        var tenant = $"{prefix}-{Guid.NewGuid():n}"[..24];
        using var admin = Operator();
        var created = await admin.RunAsync("tenants", "create", tenant, "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.Json["apiKey"]!.GetValue<string>();
        return (tenant, key, new CliRunner(new Dictionary<string, string>
        {
            ["SKEIN_URL"] = UrlText,
            ["SKEIN_KEY"] = key,
            ["SKEIN_TENANT"] = tenant,
        }));
    }
}
