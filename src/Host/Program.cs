using Skein.Host;
using Skein.Shared;

try
{
    await SkeinHost.Create(args).RunAsync();
    return 0;
}
catch (DataFolderInUseException error)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 3;
}
