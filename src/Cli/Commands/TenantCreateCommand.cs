using System.ComponentModel;
using System.Text.Json.Nodes;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein tenants create ID [--limits JSON]</c> (operator key).</summary>
[Description("Create a tenant; prints its first API key (shown once).")]
internal sealed class TenantCreateCommand(CliEnvironment environment) : SkeinCommand<TenantCreateCommand.Settings>(environment)
{
    internal sealed class Settings : TenantArgumentSettings
    {
        [CommandOption("--limits <JSON>")]
        [Description("The tenant's limits as JSON (see docs/operations.md).")]
        public string? Limits { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var body = new JsonObject { ["id"] = settings.Target };
        if (settings.Limits is { } limits)
        {
            body["limits"] = JsonArgument.Parse(limits, "--limits");
        }

        var response = await client.PostAsync("/v1/tenants", body, cancel);
        if (settings.Json)
        {
            WriteJson(response.Body);
            return ExitCodes.Ok;
        }

        var created = response.Object;
        // Plain lines, not a table: a key cut across two lines of a table cannot be copied.
        Out.Line($"Created tenant {Render.String(created["id"])}.");
        Out.Line($"api key: {Render.String(created["apiKey"])}  (key id {Render.String(created["keyId"])}; shown once: keep it)");
        return ExitCodes.Ok;
    }
}
