using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary>
/// <c>skein start WORKFLOW --params JSON [--id ID] [--wait 30s]</c>. With <c>--wait</c> the exit code says how the
/// instance ended: 0 complete, 1 errored, terminated, or still running when the wait ran out.
/// </summary>
[Description("Start an instance of a workflow; --wait answers when it has ended.")]
internal sealed partial class StartCommand(CliEnvironment environment) : SkeinCommand<StartCommand.Settings>(environment)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<WORKFLOW>")]
        [Description("The workflow's name, as [Workflow(\"name\")] declares it.")]
        public string Workflow { get; init; } = "";

        [CommandOption("--params <JSON>")]
        [Description("The instance's parameters as JSON.")]
        public string? Params { get; init; }

        [CommandOption("--id <ID>")]
        [Description("The instance id (default: one the host picks); starting an existing id returns that instance.")]
        public string? Id { get; init; }

        [CommandOption("--wait <DURATION>")]
        [Description("Wait until the instance ends, at most this long (e.g. 30s, 2m, 500ms; the host allows up to 5m).")]
        public string? Wait { get; init; }

        public override ValidationResult Validate() =>
            Wait is not null && !WaitPattern().IsMatch(Wait)
                ? ValidationResult.Error($"--wait '{Wait}' is not a duration: use e.g. 30s, 2m, 500ms.")
                : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var body = new JsonObject { ["params"] = settings.Params is { } p ? JsonArgument.Parse(p, "--params") : null };
        if (settings.Id is { } id)
        {
            body["id"] = id;
        }

        var path = $"{TenantPath(connection)}/workflows/{Path(settings.Workflow)}/instances";
        var wait = settings.Wait is { } w ? ParseWait(w) : (TimeSpan?)null;
        if (settings.Wait is not null)
        {
            path += "?wait=" + Uri.EscapeDataString(settings.Wait);
        }

        var response = await client.SendAsync(HttpMethod.Post, path, SkeinClient.JsonBody(body), cancel,
            TimeSpan.FromSeconds(100) + (wait ?? TimeSpan.Zero));
        var instance = response.Object;
        var status = Render.String(instance["status"]);
        var stillRunning = wait is not null && !InstanceOutcome.IsFinished(status);
        if (settings.Json)
        {
            WriteJson(response.Body);
        }
        else
        {
            var what = $"{Render.String(instance["id"])} (workflow {Render.String(instance["workflow"])}, version {Render.String(instance["version"])})";
            Out.Line(response.Status == 200 && wait is null ? $"Instance {what} already exists: {status}" : $"Instance {what}: {status}");
            if (instance["output"] is { } output && status == "complete")
            {
                Out.Line("output: " + output.ToJsonString());
            }

            if (instance["error"] is { } error)
            {
                Out.Line("error: " + Render.Error(error));
            }
        }

        if (stillRunning)
        {
            Environment.Error.Line($"The instance is still {status} after {settings.Wait}; follow it with 'skein instances watch {Render.String(instance["id"])}'.");
            return ExitCodes.Failed;
        }

        return wait is null ? ExitCodes.Ok : InstanceOutcome.ExitCode(instance);
    }

    private static TimeSpan ParseWait(string wait)
    {
        var match = WaitPattern().Match(wait);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    // The host's own syntax for ?wait= (a bare number is seconds).
    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s|m)?\z")]
    private static partial Regex WaitPattern();
}
