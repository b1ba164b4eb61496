using System.Globalization;
using System.Text.RegularExpressions;

namespace Samples.AgentLoop;

/// <summary>
/// A deterministic stand-in for a model: for a goal like "what is 12 * 7 + 3", it computes one operation per turn
/// with the calculator tool, reading earlier observations, then answers.
/// </summary>
internal static partial class Planner
{
    public const string Answer = "answer";

    public static ToolCall Next(string goal, IReadOnlyList<Turn> history)
    {
        var tokens = Tokens().Matches(goal).Select(m => m.Value).ToList();
        if (tokens.Count == 0 || !double.TryParse(tokens[0], CultureInfo.InvariantCulture, out _))
        {
            return history.Count == 0 ? new ToolCall("lookup", goal) : new ToolCall(Answer, history[^1].Observation);
        }

        // Each turn folds the next operator into the running value.
        var value = history.Count == 0 ? tokens[0] : history[^1].Observation;
        var index = 1 + (2 * history.Count);
        return index + 1 < tokens.Count
            ? new ToolCall("calculator", $"{value} {tokens[index]} {tokens[index + 1]}")
            : new ToolCall(Answer, value);
    }

    [GeneratedRegex(@"\d+(\.\d+)?|[+\-*/]")]
    private static partial Regex Tokens();
}
