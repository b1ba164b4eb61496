using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Skein.Tests.Common;
using static Microsoft.Playwright.Assertions;

namespace Skein.Dashboard.Tests;

/// <summary>
/// The dashboard in headless Chromium against a real host: sign in, list, the instance page live over the stream,
/// the actions, and what a wrong or foreign key sees.
/// </summary>
public sealed partial class DashboardTests(BrowserHost fx) : IClassFixture<BrowserHost>
{
    static DashboardTests() => SetDefaultExpectTimeout(BrowserHost.Timeout);

    [Fact]
    public async Task A_bad_key_shows_the_APIs_problem_and_stays_on_sign_in()
    {
        var page = await fx.NewPageAsync();

        await SignIn.AsAsync(page, fx.Ui, "not-a-key-of-anyone");

        await Expect(page.Locator(".alert")).ToContainTextAsync("Send an API key as 'Authorization: Bearer <key>'");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('skein.key')"));
    }

    [Fact]
    public async Task A_tenant_key_cannot_see_another_tenants_instances()
    {
        await fx.CreateAsync(fx.OtherTenantKey, fx.OtherTenant, "approval", "rival-secret", new { sku = "x", quantity = 1 });
        var page = await fx.NewPageAsync();

        await SignIn.AsAsync(page, fx.Ui, fx.TenantKey, fx.OtherTenant);
        await Expect(page.Locator(".alert")).ToContainTextAsync($"Tenant '{fx.OtherTenant}' does not exist.");

        await SignIn.AsAsync(page, fx.Ui, fx.TenantKey, fx.Tenant);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Instances of {fx.Tenant}" })).ToBeVisibleAsync();
        await page.GotoAsync($"{fx.Ui}#/t/{fx.OtherTenant}/instances");
        await Expect(page.Locator(".alert")).ToContainTextAsync($"Tenant '{fx.OtherTenant}' does not exist.");
        await page.GotoAsync($"{fx.Ui}#/t/{fx.OtherTenant}/instances/rival-secret");
        await Expect(page.Locator(".alert")).ToContainTextAsync($"Tenant '{fx.OtherTenant}' does not exist.");
        await Expect(page.GetByText("sku")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_admin_key_lists_tenants_and_creates_one_showing_its_key_once()
    {
        var page = await fx.NewPageAsync();

        await SignIn.AsAsync(page, fx.Ui, HostFixture.AdminKey);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = fx.Tenant, Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Tenant id").FillAsync("made-in-the-ui");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(page.Locator(".notice")).ToContainTextAsync("Tenant made-in-the-ui created. Its key is shown only now");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "made-in-the-ui", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Tenant id").FillAsync("made-in-the-ui");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator(".alert")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_instance_page_shows_the_timeline_and_completes_live_when_the_event_is_sent_over_HTTP()
    {
        await fx.CreateAsync(fx.TenantKey, fx.Tenant, "approval", "live-1", new { sku = "lamp", quantity = 2 });
        var page = await fx.NewPageAsync();
        await SignIn.AsAsync(page, fx.Ui, fx.TenantKey, fx.Tenant);

        await page.GetByRole(AriaRole.Link, new() { Name = "live-1", Exact = true }).ClickAsync();
        await Expect(page.Locator(".row[data-step=approval]")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        using (var client = fx.Host.Client(fx.TenantKey))
        {
            (await client.PostAsJsonAsync($"/v1/tenants/{fx.Tenant}/instances/live-1/events/approved", new { by = "http" })).EnsureSuccessStatusCode();
        }

        await Expect(page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "complete");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await Expect(page.Locator("section:has(#output-title) pre")).ToContainTextAsync("2 x lamp approved by http");
        await Expect(page.Locator(".row[data-step=reserve] .bar.failed")).ToHaveCountAsync(1);
        await Expect(page.Locator(".row[data-step=reserve] .bar.ok")).ToHaveCountAsync(1);
        await Expect(page.Locator(".row[data-step=reserve] .summary")).ToHaveTextAsync("complete · 2 attempt(s), 1 failed");
        await Expect(page.Locator(".row[data-step=cool-off] .bar.sleep")).ToHaveCountAsync(1);
        await Expect(page.Locator(".row[data-step=approval] .bar.wait")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.logs")).ToContainTextAsync("reserving 2 of lamp");
        await Expect(page.Locator("#live")).ToHaveTextAsync("Finished: no more updates");
    }

    [Fact]
    public async Task Pause_resume_and_send_an_event_from_the_page()
    {
        await fx.CreateAsync(fx.TenantKey, fx.Tenant, "approval", "ui-1", new { sku = "desk", quantity = 1 });
        await fx.WaitingForApprovalAsync(fx.TenantKey, fx.Tenant, "ui-1");
        var page = await OpenInstanceAsync("ui-1");

        await ConfirmAsync(page, "Pause", "Pause");
        await Expect(page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "paused");
        await ConfirmAsync(page, "Resume", "Resume");
        await Expect(page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "waiting");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send event…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Event type").FillAsync("approved");
        await dialog.GetByLabel("Payload (JSON)").FillAsync("""{"by":"ui"}""");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send event" }).ClickAsync();

        await Expect(page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Locator("section:has(#output-title) pre")).ToContainTextAsync("1 x desk approved by ui");
    }

    [Fact]
    public async Task Terminate_shows_the_APIs_refusal_of_a_resume_and_restart_runs_it_again()
    {
        await fx.CreateAsync(fx.TenantKey, fx.Tenant, "approval", "ui-2", new { sku = "chair", quantity = 3 });
        await fx.WaitingForApprovalAsync(fx.TenantKey, fx.Tenant, "ui-2");
        var page = await OpenInstanceAsync("ui-2");

        await page.GetByRole(AriaRole.Button, new() { Name = "Terminate…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Run the rollback handlers of completed steps first").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Terminate" }).ClickAsync();
        await Expect(page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "terminated");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(dialog.Locator(".alert")).ToContainTextAsync("terminated");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Restart…" }).ClickAsync();
        await dialog.GetByLabel("Restart from").SelectOptionAsync(new SelectOptionValue { Label = "reserve" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();
        await Expect(page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", Running());
        await Expect(page.Locator(".row[data-step=approval]")).ToBeVisibleAsync();
        await Expect(page.Locator("#live")).ToHaveTextAsync("● Live: updates as it runs");
    }

    [Fact]
    public async Task The_router_serves_the_dashboard_and_its_API_calls_go_to_the_router()
    {
        await using var router = await RouterUnderTest.StartAsync(fx.Host.BaseAddress);
        var page = await fx.NewPageAsync();
        var response = await page.GotoAsync(new Uri(router.BaseAddress, "/ui/").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Contains("script-src 'self'", (await response.AllHeadersAsync())["content-security-policy"]);
        await page.GetByLabel("API key").FillAsync("not-a-router-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".alert")).ToBeVisibleAsync();

        // A tenant created through the router is placed on its node; its key signs in through the router too.
        using var admin = new HttpClient { BaseAddress = router.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", RouterUnderTest.AdminKey);
        var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = "via-router" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["apiKey"]!.GetValue<string>();
        await SignIn.AsAsync(page, new Uri(router.BaseAddress, "/ui/").ToString(), key, "via-router");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Instances of via-router" })).ToBeVisibleAsync();
        await Expect(page.GetByText("No instances match.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_in_and_opening_an_action_work_from_the_keyboard_alone()
    {
        await fx.CreateAsync(fx.TenantKey, fx.Tenant, "approval", "keys-1", new { sku = "pen", quantity = 1 });
        await fx.WaitingForApprovalAsync(fx.TenantKey, fx.Tenant, "keys-1");
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.Ui);
        // Each page focuses its heading (a screen reader announces it); the key field is the next stop.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("API key")).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync(fx.TenantKey);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(fx.Tenant);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Instances of {fx.Tenant}" })).ToBeVisibleAsync();
        await page.GotoAsync($"{fx.Ui}#/t/{fx.Tenant}/instances/keys-1");
        await Expect(page.Locator(".row[data-step=approval]")).ToBeVisibleAsync();

        for (var i = 0; i < 30 && await page.EvaluateAsync<string>("() => document.activeElement?.textContent ?? ''") != "Pause"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "waiting");
    }

    private async Task<IPage> OpenInstanceAsync(string id)
    {
        var page = await fx.NewPageAsync();
        await SignIn.AsAsync(page, fx.Ui, fx.TenantKey, fx.Tenant);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Instances of {fx.Tenant}" })).ToBeVisibleAsync();
        await page.GotoAsync($"{fx.Ui}#/t/{fx.Tenant}/instances/{id}");
        await Expect(page.Locator(".row[data-step=approval]")).ToBeVisibleAsync();
        return page;
    }

    private static async Task ConfirmAsync(IPage page, string button, string confirm)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    [GeneratedRegex("^(queued|running|waiting)$")]
    private static partial Regex Running();
}
