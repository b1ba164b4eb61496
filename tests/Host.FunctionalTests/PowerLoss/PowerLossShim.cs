using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>Builds powerloss-shim.c (copied beside the tests) into a shared library with gcc, once per test run.</summary>
internal static class PowerLossShim
{
    private static readonly Lazy<string> Library = new(() =>
        SharedLibraryCompiler.Build(System.IO.Path.Combine(AppContext.BaseDirectory, "PowerLoss", "powerloss-shim.c"), "powerloss-shim"));

    public static string Path => Library.Value;
}
