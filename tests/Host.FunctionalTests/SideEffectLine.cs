using System.Globalization;
using System.Text.RegularExpressions;

namespace Skein.Host.FunctionalTests;

/// <summary>One line of the crash host's side-effect file: <c>c-0007 ship#2 attempt=1 run=3</c>.</summary>
internal sealed partial record SideEffectLine(string InstanceId, string Step, int Count, int Attempt, int Run)
{
    /// <summary>The step the line belongs to: <c>c-0007 ship#2</c>.</summary>
    public string StepKey => $"{InstanceId} {Step}#{Count}";

    /// <summary>The line, or null when it is not in the format the crash workflow writes.</summary>
    public static SideEffectLine? Parse(string line)
    {
        var match = Format().Match(line);
        return match.Success
            ? new SideEffectLine(match.Groups["id"].Value, match.Groups["step"].Value, Number(match, "count"),
                Number(match, "attempt"), Number(match, "run"))
            : null;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<id>c-\d{4}) (?<step>[a-z-]+)#(?<count>\d+) attempt=(?<attempt>\d+) run=(?<run>\d+)$")]
    private static partial Regex Format();
}
