using Skein.Host;
using Skein.Host.Storage;
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
catch (DataFolderFullException error)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 4;
}
catch (Exception error) when (StorageFaults.IsDiskFull(error))
{
    // Past the lock (which names the folder): the catalog or a tenant log found no room while the host started. The
    // host logged the data folder's full path at start.
    await Console.Error.WriteLineAsync(
        $"The disk holding the data folder is full, so the Skein host stopped ({error.GetBaseException().Message}). Free space on that disk and start it again.");
    return 4;
}
