using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Skein.Host.FunctionalTests;

/// <summary>
/// One start of the crash host (tests/CrashHost) as a real process: its output is collected line by line, and it
/// is killed with SIGKILL on request — or when disposed, so a failing test leaves no process behind.
/// </summary>
internal sealed class CrashHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<(string Line, TaskCompletionSource Seen)> _waiters = [];

    private CrashHostProcess(int run, Process process)
    {
        Run = run;
        _process = process;
    }

    /// <summary>The host assembly the test build produced (see Host.FunctionalTests.csproj).</summary>
    public static string HostPath { get; } = typeof(CrashHostProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Skein.CrashHostPath").Value!;

    /// <summary>Which start of the host this is; the host writes it into every side-effect line.</summary>
    public int Run { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
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

    /// <param name="scenario">Null for the random-kill workload; "suicide" for the crash-loop scenario.</param>
    public static CrashHostProcess Start(int run, string dataDir, string sideEffectFile, int instances, int maxConcurrent,
        string? scenario = null) =>
        Start(run, [dataDir, sideEffectFile, Invariant(instances), Invariant(maxConcurrent), .. scenario is null ? Array.Empty<string>() : [scenario]]);

    /// <summary>Starts the host in its timer-test mode (tests/CrashHost/TimerHost.cs): it serves commands sent with <see cref="SendAsync"/>.</summary>
    public static CrashHostProcess StartTimerHost(int run, string dataDir) => Start(run, ["timers", dataDir]);

    /// <summary>Starts the host in its schedule-test mode (tests/CrashHost/ScheduleHost.cs).</summary>
    public static CrashHostProcess StartScheduleHost(int run, string dataDir) => Start(run, ["schedules", dataDir]);

    /// <summary>Starts the host in its continue-as-new mode (tests/CrashHost/ContinueHost.cs).</summary>
    public static CrashHostProcess StartContinueHost(int run, string dataDir, string sideEffectFile, int instances, int runs) =>
        Start(run, ["continue", dataDir, sideEffectFile, Invariant(instances), Invariant(runs)]);

    /// <summary>Starts the host in its child-workflow mode (tests/CrashHost/ChildHost.cs), serving commands like the timer mode.</summary>
    public static CrashHostProcess StartChildHost(int run, string dataDir) => Start(run, ["children", dataDir]);

    /// <summary>Writes one command line to the process's standard input.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    private static CrashHostProcess Start(int run, IEnumerable<string> arguments)
    {
        if (!File.Exists(HostPath))
        {
            throw new FileNotFoundException($"The crash host was not built at {HostPath}.", HostPath);
        }

        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Prepend(HostPath))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SKEIN_CRASH_RUN"] = Invariant(run);
        var process = new Process { StartInfo = start };
        var host = new CrashHostProcess(run, process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the process printed <paramref name="line"/>; fails if it exits first or the deadline passes.</summary>
    public async Task WaitForLineAsync(string line, TimeSpan deadline)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.Contains(line))
            {
                return;
            }

            _waiters.Add((line, seen));
        }

        var exited = _process.WaitForExitAsync();
        try
        {
            await Task.WhenAny(seen.Task, exited).WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Run {Run} did not print {line} within {deadline}. Output:\n{Output}");
        }

        if (!seen.Task.IsCompleted)
        {
            throw new InvalidOperationException($"Run {Run} exited with code {_process.ExitCode} before printing {line}. Output:\n{Output}");
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL (<see cref="Process.Kill()"/> on Linux), then waits until the process is gone.</summary>
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

    /// <summary>The dotnet executable running this test, so the host runs on the same runtime.</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource> seen;
        lock (_lines)
        {
            _lines.Add(line);
            seen = _waiters.Where(w => w.Line == line).Select(w => w.Seen).ToList();
            _waiters.RemoveAll(w => w.Line == line);
        }

        foreach (var waiter in seen)
        {
            waiter.TrySetResult();
        }
    }
}
