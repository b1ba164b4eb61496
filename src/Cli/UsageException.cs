namespace Skein.Cli;

/// <summary>The command line itself is wrong (exit code 2): a bad option value, JSON that does not parse, no host to talk to.</summary>
internal sealed class UsageException(string message) : Exception(message);
