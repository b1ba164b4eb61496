using Spectre.Console;

namespace Skein.Cli;

/// <summary>
/// What a run of the CLI talks to: the consoles it writes to, the environment variables it reads, and (for tests)
/// the HTTP handler it sends requests through. A test passes its own, so nothing is read from the process.
/// </summary>
internal sealed record CliEnvironment(IAnsiConsole Out, IAnsiConsole Error, Func<string, string?> Variable, HttpMessageHandler? Handler = null)
{
    public static CliEnvironment FromProcess() => new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Environment.GetEnvironmentVariable);

    /// <summary>Raw text to standard output: JSON for scripts must not be wrapped at the console's width.</summary>
    public TextWriter RawOut => Out.Profile.Out.Writer;
}
