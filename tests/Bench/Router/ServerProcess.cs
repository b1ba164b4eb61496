using System.Diagnostics;
using System.Reflection;

namespace Skein.Bench.Router;

/// <summary>
/// A host or the router as a process of its own, run from its Release build folder (as deploy/local/run.sh runs
/// them); it binds port 0 and the address is read from its output. Killed when disposed.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const string Marker = "Now listening on: ";
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _lines = [];

    private ServerProcess(Process process) => _process = process;

    public static string HostDll { get; } = BuildOutput("Skein.HostPath");

    public static string RouterDll { get; } = BuildOutput("Skein.RouterPath");

    public Uri Address { get; private set; } = null!;

    public string Name { get; private set; } = "";

    /// <summary>User + system CPU seconds the process has used so far (<c>/proc/{pid}/stat</c>, clock ticks of 1/100 s).</summary>
    public double CpuSeconds
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) +
                    long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
        }
    }

    public static async Task<ServerProcess> StartAsync(string name, string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true }) { Name = name };
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.Exited += (_, _) => server._listening.TrySetException(
            new InvalidOperationException($"{Path.GetFileName(dll)} exited before listening:\n{server.Output}"));
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        server.Address = await server._listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return server;
    }

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.TakeLast(40));
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(30_000);
        }

        _process.Dispose();
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string BuildOutput(string key) => typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            _listening.TrySetResult(new Uri(line[(at + Marker.Length)..].Trim()));
        }
    }
}
