using System.Globalization;
using System.Text;

namespace Skein.CrashHost;

/// <summary>
/// The side effect of every crash step: one line appended to a file and flushed to disk before the step returns,
/// so a line in the file means the step's body ran that far, whatever happened to the process afterwards.
/// </summary>
internal static class SideEffectFile
{
    // FileMode.Append seeks to the end and then writes, which is not atomic between writers: the steps of one
    // process take turns. Only one host process runs at a time.
    private static readonly Lock Gate = new();

    /// <summary>Which start of the host this is (1, 2, …), set by the crash test; recorded in every line.</summary>
    public static int Run { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("SKEIN_CRASH_RUN"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var run) ? run : 0;

    public static void Append(string path, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (Gate)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
    }
}
