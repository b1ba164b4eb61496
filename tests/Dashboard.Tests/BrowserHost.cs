using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Skein.Tests.Common;

namespace Skein.Dashboard.Tests;

/// <summary>
/// A real host node and one headless Chromium (Debian's package, never a downloaded one) for a test class, with a
/// tenant that has the dashboard workflows deployed. Each test opens its own browser context (own session storage).
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly float Timeout = 30_000;

    private IPlaywright? _playwright;

    public HostFixture Host { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string Tenant { get; private set; } = null!;

    public string TenantKey { get; private set; } = null!;

    public string OtherTenant { get; private set; } = null!;

    public string OtherTenantKey { get; private set; } = null!;

    public string Ui => new Uri(Host.BaseAddress, "/ui/").ToString();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ChromiumPath}: install it with 'apt-get install -y chromium' (.ci/run does).");
        }

        await Host.InitializeAsync();
        (Tenant, TenantKey) = await NewTenantAsync("shop");
        (OtherTenant, OtherTenantKey) = await NewTenantAsync("rival");
        await DeployAsync(TenantKey, Tenant);
        await DeployAsync(OtherTenantKey, OtherTenant);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // CI runs as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh page at 1366×768 (a laptop screen) with generous waits: the machine running the tests is loaded.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(Timeout);
        return await context.NewPageAsync();
    }

    /// <summary>A new tenant named <paramref name="prefix"/> and a random suffix, or exactly <paramref name="prefix"/>.</summary>
    public async Task<(string Tenant, string Key)> NewTenantAsync(string prefix, bool exact = false)
    {
        var tenant = exact ? prefix : $"{prefix}-{Guid.NewGuid():n}"[..20];
        using var admin = Host.Client();
        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await Ensure(response, HttpStatusCode.Created);
        return (tenant, (await response.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>());
    }

    public async Task DeployAsync(string key, string tenant)
    {
        using var client = Host.Client(key);
        using var dll = new ByteArrayContent(DashboardWorkflows.Build());
        dll.Headers.ContentType = new("application/octet-stream");
        await Ensure(await client.PostAsync($"/v1/tenants/{tenant}/deployments", dll), HttpStatusCode.Created);
    }

    public async Task CreateAsync(string key, string tenant, string workflow, string id, object parameters)
    {
        using var client = Host.Client(key);
        var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/{workflow}/instances", new { id, @params = parameters });
        await Ensure(response, HttpStatusCode.Created);
    }

    /// <summary>Waits (over HTTP) until the instance has reached its wait for the approval event.</summary>
    public Task WaitingForApprovalAsync(string key, string tenant, string id) => Eventually.UntilAsync(async () =>
    {
        using var client = Host.Client(key);
        return await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances/{id}");
    }, d => (string?)d!["status"] == "waiting" && d["steps"]!.AsArray().Any(s => (string?)s!["name"] == "approval"),
       $"{id} to wait for its approval", TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        await Host.DisposeAsync();
    }

    private static async Task Ensure(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
