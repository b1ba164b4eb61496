using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Output;

namespace Skein.Cli.Commands;

/// <summary><c>skein instances delete ID</c>.</summary>
[Description("Stop (if running) and delete an instance with its history.")]
internal sealed class InstanceDeleteCommand(CliEnvironment environment) : SkeinCommand<IdSettings>(environment)
{
    protected override async Task<int> RunAsync(IdSettings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        await client.DeleteAsync($"{TenantPath(connection)}/instances/{Path(settings.Id)}", cancel);
        if (settings.Json)
        {
            WriteJson(System.Text.Json.JsonSerializer.Serialize(new { id = settings.Id, deleted = true }));
        }
        else
        {
            Out.Line($"Deleted instance {settings.Id}.");
        }

        return ExitCodes.Ok;
    }
}
