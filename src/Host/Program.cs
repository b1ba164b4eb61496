using Skein.Host;
using Skein.Shared;

try
{
    await SkeinHost.Create(args).RunAsync();
    // A part of the host that stopped it on a failure (the demo setup) set the exit code; returning 0 would hide it.
    return Environment.ExitCode;
}
catch (DataFolderInUseException error)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 3;
}
