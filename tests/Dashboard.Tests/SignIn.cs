using Microsoft.Playwright;

namespace Skein.Dashboard.Tests;

/// <summary>Signs in through the dashboard's form, as a person would.</summary>
internal static class SignIn
{
    public static async Task AsAsync(IPage page, string ui, string key, string? tenant = null)
    {
        await page.GotoAsync(ui);
        await page.GetByLabel("API key").FillAsync(key);
        if (tenant is not null)
        {
            await page.GetByLabel("Tenant", new() { Exact = true }).FillAsync(tenant);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
