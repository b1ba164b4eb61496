using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;

namespace Skein.Cli.Commands;

/// <summary><c>skein deployments list</c>.</summary>
[Description("List the tenant's deployment versions and which one is active.")]
internal sealed class DeploymentListCommand(CliEnvironment environment) : SkeinCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(GlobalSettings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var response = await client.GetAsync($"{TenantPath(connection)}/deployments", cancel);
        if (settings.Json)
        {
            WriteJson(response.Body);
            return ExitCodes.Ok;
        }

        var table = Render.Table("version", "active", "workflows", "uploaded", "sha256");
        foreach (var version in response.Object["versions"]?.AsArray() ?? [])
        {
            table.Row(Render.String(version?["version"]), version?["active"]?.GetValue<bool>() == true ? "yes" : "",
                string.Join(", ", version?["workflows"]?.AsArray().Select(Render.String) ?? []), Render.Time(version?["uploadedAt"]),
                Render.String(version?["sha256"]) is { Length: > 12 } sha ? sha[..12] : null);
        }

        Out.Write(table);
        return ExitCodes.Ok;
    }
}
