using Spectre.Console;

namespace Skein.Cli.Tests;

/// <summary>
/// Runs <c>skein</c> in-process (its entry point, with captured consoles) with its own environment variables: its
/// own <c>XDG_CONFIG_HOME</c>, so profiles written by one test never reach another.
/// </summary>
public sealed class CliRunner : IDisposable
{
    private readonly Dictionary<string, string> _variables;

    public CliRunner(IReadOnlyDictionary<string, string>? variables = null)
    {
        ConfigHome = Directory.CreateTempSubdirectory("skein-cli-config-").FullName;
        _variables = new Dictionary<string, string>(variables ?? new Dictionary<string, string>()) { ["XDG_CONFIG_HOME"] = ConfigHome };
    }

    public string ConfigHome { get; }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancel, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(Console(output), Console(error), name => _variables.GetValueOrDefault(name));
        var code = await SkeinApp.RunAsync(args, environment, cancel);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(ConfigHome, recursive: true);

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        // Wide enough that no assertion depends on where a line wraps.
        console.Profile.Width = 400;
        return console;
    }
}
