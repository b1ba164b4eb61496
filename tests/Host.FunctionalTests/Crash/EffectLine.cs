using System.Text.RegularExpressions;

namespace Skein.Host.FunctionalTests.Crash;

/// <summary>One side effect of <see cref="RealHostCrashWorkflow"/>, with the run (and process) whose output carried it.</summary>
internal sealed partial record EffectLine(int Run, int Pid, string Instance, string Step, string Value)
{
    /// <summary>The step it belongs to: <c>j-1-03 work#2</c>.</summary>
    public string StepKey => $"{Instance} {Step}";

    /// <summary>The effect a line of the host's output carries, or null for any other line.</summary>
    public static EffectLine? Parse(int run, int pid, string line)
    {
        var match = Format().Match(line);
        return match.Success ? new EffectLine(run, pid, match.Groups["id"].Value, match.Groups["step"].Value, match.Groups["value"].Value) : null;
    }

    public override string ToString() => $"run {Run} pid {Pid}: {Instance} {Step} {Value}";

    [GeneratedRegex(@"^effect (?<id>j-\d+-\d+) (?<step>[a-z-]+#\d+) (?<value>[0-9a-f]{32})$")]
    private static partial Regex Format();
}
