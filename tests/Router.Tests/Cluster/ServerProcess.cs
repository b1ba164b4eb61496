using System.Diagnostics;
using Skein.Tests.Common;

namespace Skein.Router.Tests.Cluster;

/// <summary>
/// A host or the router as a process of its own, started from its build folder; its output is kept, and the
/// address it listens on is read from it (the tests let it bind port 0). Killed with SIGKILL on request or when
/// disposed, so a failing test leaves no process behind.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const string Marker = "Now listening on: ";
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ServerProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.TakeLast(60));
            }
        }
    }

    /// <summary>Starts <paramref name="dll"/> and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string dll, IEnumerable<string> arguments)
    {
        var process = Start(dll, arguments);
        await process.WaitUntilListeningAsync();
        return process;
    }

    /// <summary>Starts <paramref name="dll"/> without waiting (a test that expects it to fail).</summary>
    public static ServerProcess Start(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(BuildOutputs.DotnetHost)
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

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cancel.Token);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(30_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        string? line = null;
        await Eventually.Until(() =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with code {_process.ExitCode} before listening. Output:\n{Output}");
            }

            lock (_lines)
            {
                line = _lines.FirstOrDefault(l => l.Contains(Marker, StringComparison.Ordinal));
            }

            return line is not null;
        }, listening => listening, "the process to listen", TimeSpan.FromSeconds(120));
        var found = line!;
        Address = new Uri(found[(found.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim());
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
