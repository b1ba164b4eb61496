using System.ComponentModel;
using System.Text.Json.Nodes;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary>
/// <c>skein move TENANT --to NODE</c> (router admin key): starts the move and prints each state it reaches until it
/// is <c>done</c> (exit 0) or <c>failed</c> (exit 1, with the router's error).
/// </summary>
[Description("Move a tenant to another node behind the router, printing the move's states until it ends (router admin key).")]
internal sealed class MoveCommand(CliEnvironment environment) : SkeinCommand<MoveCommand.Settings>(environment)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    internal sealed class Settings : TenantArgumentSettings
    {
        [CommandOption("--to <NODE>")]
        [Description("The node id to move the tenant to (see 'skein nodes').")]
        public string? To { get; init; }

        public override ValidationResult Validate() =>
            To is null ? ValidationResult.Error("move needs --to NODE.") : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var move = (await RouterCalls.SendAsync(client, () => client.PostAsync($"/v1/tenants/{Path(settings.Target)}/move", new JsonObject { ["to"] = settings.To }, cancel))).Object;
        var id = Render.String(move["id"])!;
        string? shown = null;
        while (true)
        {
            var state = Render.String(move["state"]);
            if (state != shown)
            {
                shown = state;
                Show(settings, move);
            }

            if (state is "done" or "failed")
            {
                break;
            }

            // A client polling a long operation, not a test waiting: the router journals the move, nothing is lost between looks.
            await Task.Delay(Poll, cancel);
            move = (await client.GetAsync($"/v1/moves/{Path(id)}", cancel)).Object;
        }

        if (Render.String(move["state"]) == "failed")
        {
            throw new CliFailure($"The move of {settings.Target} to {settings.To} failed: {Render.String(move["error"])}");
        }

        return ExitCodes.Ok;
    }

    private void Show(Settings settings, JsonObject move)
    {
        if (settings.Json)
        {
            Environment.RawOut.WriteLine(move.ToJsonString());
            Environment.RawOut.Flush();
            return;
        }

        var state = Render.String(move["state"]);
        var line = $"{Render.String(move["tenant"])}: {Render.String(move["from"])} → {Render.String(move["to"])}  {state}";
        if (state == "done" && move["unavailableMs"] is { } unavailable)
        {
            line += $" (unavailable for {Render.String(unavailable)} ms)";
        }

        Out.Line(line);
    }
}
