using System.Globalization;

namespace Samples.AgentLoop;

/// <summary>The agent's tools: a calculator and a tiny lookup table.</summary>
internal static class Tools
{
    private static readonly Dictionary<string, string> Facts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["capital of france"] = "Paris",
        ["speed of light"] = "299792458 m/s",
    };

    public static string Run(ToolCall call) => call.Tool switch
    {
        "calculator" => Calculate(call.Input),
        "lookup" => Facts.FirstOrDefault(f => call.Input.Contains(f.Key, StringComparison.OrdinalIgnoreCase)).Value ?? "unknown",
        _ => throw new InvalidOperationException($"No tool named '{call.Tool}'."),
    };

    private static string Calculate(string input)
    {
        var parts = input.Split(' ');
        var a = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var b = double.Parse(parts[2], CultureInfo.InvariantCulture);
        var result = parts[1] switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/" => b == 0 ? throw new DivideByZeroException() : a / b,
            _ => throw new InvalidOperationException($"Unknown operator '{parts[1]}'."),
        };
        return result.ToString(CultureInfo.InvariantCulture);
    }
}
