using System.ComponentModel;
using System.Text.Json.Nodes;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein instances terminate ID [--rollback]</c>.</summary>
[Description("Terminate an instance (cancels its running attempt); --rollback runs its rollback handlers first.")]
internal sealed class InstanceTerminateCommand(CliEnvironment environment)
    : InstanceControlCommand<InstanceTerminateCommand.Settings>(environment, "terminate")
{
    internal sealed class Settings : IdSettings
    {
        [CommandOption("--rollback")]
        [Description("Run the rollback handlers of its completed steps first.")]
        public bool Rollback { get; init; }
    }

    protected override JsonNode? Body(Settings settings) => new JsonObject { ["rollback"] = settings.Rollback };
}
