using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein tenants keys [TENANT] [--issue | --revoke KEY_ID]</c> (operator key): list, issue or revoke keys.</summary>
[Description("List a tenant's keys, issue another (--issue) or revoke one (--revoke KEY_ID).")]
internal sealed class TenantKeysCommand(CliEnvironment environment) : SkeinCommand<TenantKeysCommand.Settings>(environment)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "[TENANT]")]
        [Description("The tenant (default: the profile's).")]
        public string? Of { get; init; }

        [CommandOption("--issue")]
        [Description("Issue a new key (shown once).")]
        public bool Issue { get; init; }

        [CommandOption("--revoke <KEY_ID>")]
        [Description("Revoke the key with this id: it stops working at once.")]
        public string? Revoke { get; init; }

        public override ValidationResult Validate() =>
            Issue && Revoke is not null ? ValidationResult.Error("Use --issue or --revoke, not both.") : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var tenant = settings.Of ?? connection.RequireTenant();
        var keys = $"/v1/tenants/{Path(tenant)}/keys";
        if (settings.Issue)
        {
            var issued = await client.PostAsync(keys, null, cancel);
            if (settings.Json)
            {
                WriteJson(issued.Body);
                return ExitCodes.Ok;
            }

            Out.Line($"api key: {Render.String(issued.Object["apiKey"])}  (key id {Render.String(issued.Object["keyId"])}; shown once: keep it)");
            return ExitCodes.Ok;
        }

        if (settings.Revoke is { } keyId)
        {
            await client.DeleteAsync($"{keys}/{Path(keyId)}", cancel);
            if (settings.Json)
            {
                WriteJson(System.Text.Json.JsonSerializer.Serialize(new { keyId, revoked = true }));
            }
            else
            {
                Out.Line($"Revoked key {keyId} of tenant {tenant}.");
            }

            return ExitCodes.Ok;
        }

        var response = await client.GetAsync(keys, cancel);
        if (settings.Json)
        {
            WriteJson(response.Body);
            return ExitCodes.Ok;
        }

        var list = Render.Table("key id", "created", "revoked");
        foreach (var key in response.Array)
        {
            list.Row(Render.String(key?["keyId"]), Render.Time(key?["createdAt"]), Render.Time(key?["revokedAt"]) ?? "-");
        }

        Out.Write(list);
        return ExitCodes.Ok;
    }
}
