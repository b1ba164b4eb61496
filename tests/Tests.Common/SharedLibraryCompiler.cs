using System.ComponentModel;
using System.Diagnostics;

namespace Skein.Tests.Common;

/// <summary>
/// Compiles a C source file into a shared library with gcc, for tests and benchmarks that run a process under
/// <c>LD_PRELOAD</c> (the power-loss recorder, the benchmark's fsync switch). Linux only.
/// </summary>
public static class SharedLibraryCompiler
{
    /// <summary>
    /// Builds <paramref name="source"/> into a new <c>.so</c> under the temporary folder and returns its path.
    /// Throws <see cref="InvalidOperationException"/> naming the fix when gcc is missing or the build fails.
    /// </summary>
    public static string Build(string source, string name)
    {
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"The C source was not copied beside the program: {source}.", source);
        }

        var output = Path.Combine(Path.GetTempPath(), "skein-tests", $"{name}-{Guid.NewGuid():n}.so");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
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
                $"{name} is an LD_PRELOAD library compiled with gcc, and gcc is not on PATH ({error.Message}). " +
                "Install it (Debian/Ubuntu: apt-get install gcc); .ci/run installs it when missing.", error);
        }

        using (gcc)
        {
            var stderr = gcc.StandardError.ReadToEndAsync();
            var stdout = gcc.StandardOutput.ReadToEnd();
            gcc.WaitForExit();
            if (gcc.ExitCode != 0)
            {
                throw new InvalidOperationException($"gcc could not build {name} (exit {gcc.ExitCode}):\n{stdout}{stderr.Result}");
            }
        }

        return output;
    }
}
