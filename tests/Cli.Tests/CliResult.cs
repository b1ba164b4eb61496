using System.Text.Json.Nodes;

namespace Skein.Cli.Tests;

/// <summary>What a run of <c>skein</c> did: its exit code and what it wrote to standard output and standard error.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output parsed as JSON (a <c>--json</c> run).</summary>
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("null JSON");

    /// <summary>Each line of standard output parsed as JSON (a streaming <c>--json</c> run).</summary>
    public IReadOnlyList<JsonNode> JsonLines => [.. Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
