using System.ComponentModel;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein instances restart ID [--from NAME [--count N]]</c>.</summary>
[Description("Run an instance again from the start, or from a step (--from NAME [--count N]) keeping earlier results.")]
internal sealed class InstanceRestartCommand(CliEnvironment environment)
    : InstanceControlCommand<InstanceRestartCommand.Settings>(environment, "restart")
{
    internal sealed class Settings : IdSettings
    {
        [CommandOption("--from <NAME>")]
        [Description("The step to restart from; the steps before it keep their results.")]
        public string? From { get; init; }

        [CommandOption("--count <N>")]
        [Description("Which use of the step name (1 when omitted).")]
        public int? Count { get; init; }

        public override ValidationResult Validate() =>
            Count is not null && From is null ? ValidationResult.Error("--count needs --from NAME.")
            : Count is < 1 ? ValidationResult.Error("--count is 1 or more.")
            : ValidationResult.Success();
    }

    protected override JsonNode? Body(Settings settings) => settings.From is { } name
        ? new JsonObject { ["from"] = new JsonObject { ["name"] = name, ["count"] = settings.Count ?? 1 } }
        : new JsonObject();
}
