using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Output;

namespace Skein.Cli.Commands;

/// <summary><c>skein tenants delete ID</c> (operator key).</summary>
[Description("Delete a tenant with all its instances and deployments (its stored backups are kept).")]
internal sealed class TenantDeleteCommand(CliEnvironment environment) : SkeinCommand<TenantArgumentSettings>(environment)
{
    protected override async Task<int> RunAsync(TenantArgumentSettings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var response = await client.DeleteAsync($"/v1/tenants/{Path(settings.Target)}", cancel);
        if (settings.Json)
        {
            WriteJson(response.Body.Length == 0 ? $"{{\"id\":{System.Text.Json.JsonSerializer.Serialize(settings.Target)},\"deleted\":true}}" : response.Body);
            return ExitCodes.Ok;
        }

        Out.Line(response.Node is { } kept ? Render.String(kept["message"]) ?? $"Deleted tenant {settings.Target}." : $"Deleted tenant {settings.Target}.");
        return ExitCodes.Ok;
    }
}
