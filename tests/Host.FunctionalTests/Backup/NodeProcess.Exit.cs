using System.Diagnostics;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>Ends of a node other than SIGKILL from the test: a graceful stop, or the process ending by itself.</summary>
internal sealed partial class NodeProcess
{
    public int Id => _process.Id;

    /// <summary>Waits until the process ended by itself and everything it printed was read; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, the way a service manager stops the node: it shuts down gracefully; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan deadline)
    {
        var pid = _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid }, UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(deadline);
    }
}
