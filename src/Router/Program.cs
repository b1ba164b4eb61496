using Microsoft.Extensions.Options;
using Skein.Router;

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
