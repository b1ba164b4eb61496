using System.Diagnostics;

namespace Skein.Host.Backup;

/// <summary>
/// The crash point of <c>Skein:Testing:KillAt</c>: SIGKILL of the process itself, so what a restart finds is exactly what
/// <c>kill -9</c> at that point leaves: no shutdown, no <c>finally</c> block, no flush of the logger.
/// </summary>
internal static class KillSwitch
{
    /// <summary>A crash point that kills the process at <paramref name="killAt"/>; null when no point is set.</summary>
    public static Action<string>? At(string? killAt) => string.IsNullOrEmpty(killAt) ? null : point =>
    {
        if (point != killAt)
        {
            return;
        }

        // Console.Error is unbuffered: the line is out before the signal, and says which point the test reached.
        Console.Error.WriteLine($"Skein:Testing:KillAt: process {Environment.ProcessId} killing itself at restore point {point}");
        using (var self = Process.GetCurrentProcess())
        {
            self.Kill();
        }

        // Not reached where SIGKILL exists; elsewhere still no shutdown and no finally blocks.
        Environment.FailFast($"Skein:Testing:KillAt: restore point {point}");
    };
}
