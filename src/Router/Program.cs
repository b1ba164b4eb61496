using Microsoft.Extensions.Options;
using Skein.Router;
using Skein.Shared;

try
{
    await SkeinRouter.Create(args).RunAsync();
    return 0;
}
catch (OptionsValidationException error)
{
    // A bad configuration is the operator's to fix: say what is wrong, without a stack trace.
    await Console.Error.WriteLineAsync("The router's configuration is invalid:");
    foreach (var failure in error.Failures)
    {
        await Console.Error.WriteLineAsync("  - " + failure);
    }

    return 2;
}
catch (DataFolderInUseException error)
{
    // Also a configuration fault: two routers given one Router:DataDir.
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}
catch (DataFolderFullException error)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 4;
}
