using System.ComponentModel;
using System.Text.Json.Nodes;
using Skein.Cli.Http;
using Skein.Cli.Output;

namespace Skein.Cli.Commands;

/// <summary>A control operation on an instance (<c>POST …/instances/{id}/{operation}</c>), printing its status after it.</summary>
internal abstract class InstanceControlCommand<TSettings>(CliEnvironment environment, string operation) : SkeinCommand<TSettings>(environment)
    where TSettings : IdSettings
{
    protected virtual JsonNode? Body(TSettings settings) => null;

    protected override async Task<int> RunAsync(TSettings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var response = await client.PostAsync($"{TenantPath(connection)}/instances/{Path(settings.Id)}/{operation}", Body(settings) ?? new JsonObject(), cancel);
        if (settings.Json)
        {
            WriteJson(response.Body);
        }
        else
        {
            Out.Line($"{settings.Id}: {Render.String(response.Object["status"])}");
        }

        return ExitCodes.Ok;
    }
}
