using System.Text.Json.Nodes;
using Skein.Cli.Output;

namespace Skein.Cli.Commands;

/// <summary>How an instance ended, for the exit code of the commands that wait for it (<c>start --wait</c>, <c>watch</c>).</summary>
internal static class InstanceOutcome
{
    public static bool IsFinished(string? status) => status is "complete" or "errored" or "terminated";

    /// <summary>0 when it completed, 1 when it errored or was terminated.</summary>
    public static int ExitCode(JsonNode? instance) =>
        Render.String(instance?["status"]) is "errored" or "terminated" ? ExitCodes.Failed : ExitCodes.Ok;
}
