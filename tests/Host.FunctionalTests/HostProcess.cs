using System.Diagnostics;
using System.Reflection;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests;

/// <summary>
/// The real host (src/Host, as built by the test build) started as a process of its own, with its output collected;
/// killed with SIGKILL on request or when disposed, so a failing test leaves no process behind.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private HostProcess(Process process) => _process = process;

    public static string HostPath { get; } = typeof(HostProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Skein.HostPath").Value!;

    /// <summary>The operator key every host started here is given.</summary>
    public const string AdminKey = "process-admin-key-0123456789";

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Starts the host on <paramref name="dataDir"/> with a loopback port of its choosing.</summary>
    public static HostProcess Start(string dataDir, params string[] extraArguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostPath)!,
        };
        foreach (var argument in new[] { HostPath, "--urls=http://127.0.0.1:0", $"--Skein:DataDir={dataDir}", $"--Skein:AdminKey={AdminKey}" }
            .Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the host listens and returns its address; fails if it exits first.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan deadline)
    {
        const string Marker = "Now listening on: ";
        string? line = null;
        await Eventually.Until(() =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before listening. Output:\n{Output}");
            }

            lock (_lines)
            {
                line = _lines.FirstOrDefault(l => l.Contains(Marker, StringComparison.Ordinal));
            }

            return line is not null;
        }, listening => listening, "the host to listen", deadline);
        var found = line!;
        return new Uri(found[(found.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim());
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async Task KillAsync(TimeSpan deadline)
    {
        _process.Kill();
        using var cancel = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started.
        }

        _process.Dispose();
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

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
