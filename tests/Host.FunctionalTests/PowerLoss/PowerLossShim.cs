using System.ComponentModel;
using System.Diagnostics;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>Builds powerloss-shim.c (copied beside the tests) into a shared library with gcc, once per test run.</summary>
internal static class PowerLossShim
{
    private static readonly Lazy<string> Library = new(Build);

    public static string Path => Library.Value;

    private static string Build()
    {
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "PowerLoss", "powerloss-shim.c");
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"The shim's source was not copied beside the tests: {source}.", source);
        }

        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "skein-tests", "powerloss-shim-" + Guid.NewGuid().ToString("n") + ".so");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(output)!);
        var start = new ProcessStartInfo("gcc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-o", output, source, "-ldl", "-lpthread" })
        {
            start.ArgumentList.Add(argument);
        }

        Process gcc;
        try
        {
            gcc = Process.Start(start)!;
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException(
                "The power-loss test compiles an LD_PRELOAD shim with gcc, and gcc is not on PATH (" + error.Message + "). " +
                "Install it (Debian/Ubuntu: apt-get install gcc); .ci/run installs it when missing.", error);
        }

        using (gcc)
        {
            var stderr = gcc.StandardError.ReadToEndAsync();
            var stdout = gcc.StandardOutput.ReadToEnd();
            gcc.WaitForExit();
            if (gcc.ExitCode != 0)
            {
                throw new InvalidOperationException($"gcc could not build the power-loss shim (exit {gcc.ExitCode}):\n{stdout}{stderr.Result}");
            }
        }

        return output;
    }
}
