using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;

namespace Skein.Cli.Commands;

/// <summary><c>skein nodes</c>: the router's nodes (router admin key; the profile's URL is the router).</summary>
[Description("List the router's nodes, their health and how many tenants each holds (router admin key).")]
internal sealed class NodesCommand(CliEnvironment environment) : SkeinCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(GlobalSettings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var response = await RouterCalls.SendAsync(client, () => client.GetAsync("/v1/nodes", cancel));
        if (settings.Json)
        {
            WriteJson(response.Body);
            return ExitCodes.Ok;
        }

        var table = Render.Table("node", "url", "healthy", "tenants");
        foreach (var node in response.Array)
        {
            table.Row(Render.String(node?["id"]), Render.String(node?["url"]), node?["healthy"]?.GetValue<bool>() == true ? "yes" : "NO",
                Render.String(node?["tenants"]));
        }

        Out.Write(table);
        return ExitCodes.Ok;
    }
}
