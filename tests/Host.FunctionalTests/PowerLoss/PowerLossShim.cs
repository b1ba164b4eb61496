using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>Builds powerloss-shim.c (copied beside the tests) into a shared library with gcc, once per test run, and says how to run a process under it.</summary>
internal static class PowerLossShim
{
    private static readonly Lazy<string> Library = new(() =>
        SharedLibraryCompiler.Build(System.IO.Path.Combine(AppContext.BaseDirectory, "PowerLoss", "powerloss-shim.c"), "powerloss-shim"));

    public static string Path => Library.Value;

    /// <summary>The environment of a process whose changes under <paramref name="dataDir"/> go to <paramref name="recordFile"/>.</summary>
    public static Dictionary<string, string> Environment(string dataDir, string recordFile) => new()
    {
        ["LD_PRELOAD"] = Path,
        ["SKEIN_POWERLOSS_DIR"] = dataDir,
        ["SKEIN_POWERLOSS_LOG"] = recordFile,
    };
}
