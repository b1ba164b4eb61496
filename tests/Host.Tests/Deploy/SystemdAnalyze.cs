using System.Diagnostics;

namespace Skein.Host.Tests.Deploy;

/// <summary>Runs <c>systemd-analyze verify</c> on a unit file; fails the test, saying how to fix it, when the tool is missing.</summary>
internal static class SystemdAnalyze
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>The tool's path, from PATH. A missing tool is a failure, never a pass: CI installs it (.ci/run).</summary>
    public static string Tool()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "systemd-analyze"))
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Fail("systemd-analyze is not installed, so the unit files in deploy/systemd cannot be checked. Install "
                        + "it (Debian/Ubuntu: apt-get install systemd; .ci/run does this) and run the test again.");
        }

        return found;
    }

    /// <summary>Runs <c>systemd-analyze verify --man=no</c> on the file and returns its exit code and every line it printed.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines)> VerifyAsync(string unitFile)
    {
        var start = new ProcessStartInfo(Tool())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "verify", "--man=no", unitFile },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("systemd-analyze did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var deadline = new CancellationTokenSource(Deadline))
        {
            await process.WaitForExitAsync(deadline.Token);
        }

        var lines = (await output + "\n" + await errors)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines);
    }
}
