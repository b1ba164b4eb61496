namespace Skein.Cli;

/// <summary>The operation failed (exit code 1): an HTTP problem, an unreachable host, a failed instance.</summary>
internal sealed class CliFailure(string message, IReadOnlyList<string>? reasons = null) : Exception(message)
{
    public IReadOnlyList<string> Reasons { get; } = reasons ?? [];
}
