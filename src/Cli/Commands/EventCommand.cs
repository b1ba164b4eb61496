using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein event ID TYPE --payload JSON</c>.</summary>
[Description("Send an event to an instance; it is kept until a wait for its type takes it.")]
internal sealed class EventCommand(CliEnvironment environment) : SkeinCommand<EventCommand.Settings>(environment)
{
    internal sealed class Settings : IdSettings
    {
        [CommandArgument(1, "<TYPE>")]
        [Description("The event type the workflow waits for.")]
        public string Type { get; init; } = "";

        [CommandOption("--payload <JSON>")]
        [Description("The event's payload as JSON (default {}).")]
        public string? Payload { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var payload = JsonArgument.Parse(settings.Payload ?? "{}", "--payload");
        var response = await client.SendAsync(HttpMethod.Post,
            $"{TenantPath(connection)}/instances/{Path(settings.Id)}/events/{Path(settings.Type)}", SkeinClient.JsonBody(payload), cancel);
        if (settings.Json)
        {
            WriteJson(response.Body);
        }
        else
        {
            Out.Line($"Sent event {settings.Type} to {settings.Id}.");
        }

        return ExitCodes.Ok;
    }
}
