namespace Skein.Cli;

/// <summary>The exit codes scripts can rely on (docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The operation failed: a refusal by the server, an unreachable host, an instance that failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown command or option, a bad value.</summary>
    public const int Usage = 2;
}
