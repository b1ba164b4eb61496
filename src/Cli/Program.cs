using Skein.Cli;

using var cancel = new CancellationTokenSource();
// Ctrl+C ends a watch or a wait cleanly instead of killing the process mid-write.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await SkeinApp.RunAsync(args, CliEnvironment.FromProcess(), cancel.Token);
