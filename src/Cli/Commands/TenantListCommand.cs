using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;

namespace Skein.Cli.Commands;

/// <summary><c>skein tenants list</c> (operator key).</summary>
[Description("List the tenants (of a host, or of every node behind a router).")]
internal sealed class TenantListCommand(CliEnvironment environment) : SkeinCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(GlobalSettings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var response = await client.GetAsync("/v1/tenants", cancel);
        if (settings.Json)
        {
            WriteJson(response.Body);
            return ExitCodes.Ok;
        }

        var table = Render.Table("tenant", "created", "active version", "frozen");
        foreach (var tenant in response.Array)
        {
            table.Row(Render.String(tenant?["id"]), Render.Time(tenant?["createdAt"]), Render.String(tenant?["activeVersion"]) ?? "-",
                tenant?["frozen"]?.GetValue<bool>() == true ? "yes" : "no");
        }

        Out.Write(table);
        return ExitCodes.Ok;
    }
}
