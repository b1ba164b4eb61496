using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Skein.Tests.Common;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Skein.Dashboard.Tests;

/// <summary>
/// Takes the screenshots docs/dashboard.md and the README show (1366×768, the same tenant and instances every run),
/// and prints the figures docs/benchmarks.md quotes: the first load of /ui, and the time to show 1,000 steps. Times
/// are printed, never asserted.
/// </summary>
public sealed class DashboardPicturesTests(BrowserHost fx, ITestOutputHelper output) : IClassFixture<BrowserHost>
{
    /// <summary>
    /// docs/images when <c>SKEIN_DOCS_IMAGES=1</c> (refreshing the checked-in pictures is a deliberate act); otherwise a
    /// folder beside the test binaries, so running the suite leaves the working tree as it found it.
    /// </summary>
    private static readonly string Images = Environment.GetEnvironmentVariable("SKEIN_DOCS_IMAGES") == "1"
        ? typeof(DashboardPicturesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Skein.DocsImages").Value!
        : Path.Combine(AppContext.BaseDirectory, "dashboard-images");

    static DashboardPicturesTests() => SetDefaultExpectTimeout(BrowserHost.Timeout);

    [Fact]
    public async Task Screenshots_of_sign_in_the_instance_list_and_an_instance_page_are_written()
    {
        var (tenant, key) = await fx.NewTenantAsync("acme", exact: true);
        await fx.DeployAsync(key, tenant);
        foreach (var (id, sku) in new[] { ("order-1001", "lamp"), ("order-1002", "desk"), ("order-1003", "chair") })
        {
            await fx.CreateAsync(key, tenant, "approval", id, new { sku, quantity = 2 });
            await fx.WaitingForApprovalAsync(key, tenant, id);
        }

        using (var client = fx.Host.Client(key))
        {
            (await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/order-1001/events/approved", new { by = "ivy" })).EnsureSuccessStatusCode();
            (await client.PostAsync($"/v1/tenants/{tenant}/instances/order-1003/terminate", null)).EnsureSuccessStatusCode();
        }

        Directory.CreateDirectory(Images);
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.Ui);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var signIn = Path.Combine(Images, "dashboard-sign-in.png");
        await page.ScreenshotAsync(new() { Path = signIn });

        await SignIn.AsAsync(page, fx.Ui, key, tenant);
        await Expect(page.Locator("table.instances tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("tr:has-text('order-1001') .status")).ToHaveAttributeAsync("data-status", "complete");
        var list = Path.Combine(Images, "dashboard-instances.png");
        await page.ScreenshotAsync(new() { Path = list });

        await page.GetByRole(AriaRole.Link, new() { Name = "order-1001", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Locator("table.logs")).ToBeVisibleAsync();
        var instance = Path.Combine(Images, "dashboard-instance.png");
        await page.ScreenshotAsync(new() { Path = instance });

        foreach (var file in new[] { signIn, list, instance })
        {
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} looks empty");
        }
    }

    [Fact]
    public async Task Prints_the_first_load_of_ui_and_the_time_to_show_an_instance_with_1000_steps()
    {
        var (tenant, key) = await fx.NewTenantAsync("bench");
        await fx.DeployAsync(key, tenant);
        await fx.CreateAsync(key, tenant, "many", "steps-1000", new { steps = 1000 });
        await Eventually.UntilAsync(async () =>
        {
            using var client = fx.Host.Client(key);
            return await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances/steps-1000");
        }, d => (string?)d!["status"] == "complete", "the 1,000-step instance to complete", TimeSpan.FromMinutes(3));

        var page = await fx.NewPageAsync();
        var finished = new List<IRequest>();
        page.RequestFinished += (_, request) => finished.Add(request);
        await page.GotoAsync(fx.Ui, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        long bytes = 0;
        foreach (var request in finished.ToList())
        {
            var sizes = await request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }

        output.WriteLine($"dashboard.first_load_requests={finished.Count}");
        output.WriteLine($"dashboard.first_load_bytes={bytes}");
        Assert.All(finished, r => Assert.StartsWith(new Uri(fx.Ui).GetLeftPart(UriPartial.Authority), r.Url));

        await SignIn.AsAsync(page, fx.Ui, key, tenant);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Instances of {tenant}" })).ToBeVisibleAsync();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"{fx.Ui}#/t/{tenant}/instances/steps-1000");
        await Expect(page.Locator(".rows > li")).ToHaveCountAsync(1000, new() { Timeout = 120_000 });
        output.WriteLine($"dashboard.show_1000_steps_ms={clock.ElapsedMilliseconds}");
    }
}
