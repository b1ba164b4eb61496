using Skein.Cli.Commands;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli;

/// <summary>The <c>skein</c> command tree (DESIGN §11) and its exit codes: 0 ok, 1 the operation failed, 2 usage.</summary>
internal static class SkeinApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancel)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("skein");
            config.ConfigureConsole(environment.Out);
            config.PropagateExceptions();
            // An unknown option is a usage error (exit code 2), not an argument silently passed along.
            config.Settings.StrictParsing = true;
            config.Settings.Registrar.RegisterInstance(environment);
            CommandTree.Add(config);
        });
        try
        {
            return await app.RunAsync(args, cancel);
        }
        catch (CommandAppException e)
        {
            if (e.Pretty is { } pretty)
            {
                environment.Error.Write(pretty);
            }
            else
            {
                environment.Error.Line("error: " + e.Message);
            }

            return ExitCodes.Usage;
        }
        catch (UsageException e)
        {
            environment.Error.Line("error: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (ProblemException e)
        {
            if (args.Contains("--json"))
            {
                environment.RawOut.WriteLine(e.Body);
            }

            ErrorReport.Write(environment.Error, e);
            return ExitCodes.Failed;
        }
        catch (CliFailure e)
        {
            environment.Error.Line("error: " + e.Message);
            foreach (var reason in e.Reasons)
            {
                environment.Error.Line("  - " + reason);
            }

            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            environment.Error.Line("cancelled");
            return ExitCodes.Failed;
        }
    }
}
