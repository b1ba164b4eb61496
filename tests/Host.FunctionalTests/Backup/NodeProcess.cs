using System.Diagnostics;
using System.Net;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>
/// The real host node as a process of its own (the Skein.Host assembly the test build copied here, run with this
/// test assembly's runtime config and dependency list), so a test can kill it with SIGKILL and start it again.
/// </summary>
internal sealed partial class NodeProcess : IDisposable
{
    /// <summary>What ASP.NET Core prints (Microsoft.Hosting.Lifetime, Information) once Kestrel is bound.</summary>
    private const string ListeningMarker = "Now listening on: ";

    private readonly Process _process;
    private readonly Queue<string> _output;
    private bool _disposed;

    private NodeProcess(Process process, Uri baseAddress, Queue<string> output)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = output;
    }

    public Uri BaseAddress { get; }

    /// <param name="environment">More environment variables for the process (LD_PRELOAD of the power-loss test).</param>
    /// <param name="onLine">Sees every line the process prints, stdout and stderr, as it comes.</param>
    public static async Task<NodeProcess> StartAsync(string dataDir, IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onLine = null)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(DotnetHost) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "exec",
            "--runtimeconfig", Path.Combine(folder, "Skein.Host.FunctionalTests.runtimeconfig.json"),
            "--depsfile", Path.Combine(folder, "Skein.Host.FunctionalTests.deps.json"),
            Path.Combine(folder, "Skein.Host.dll"),
            // Port 0: the node binds a free port itself and prints it, so no other process can take it between a
            // pick here and the bind there.
            "--urls=http://127.0.0.1:0",
            $"--Skein:DataDir={dataDir}",
            $"--Skein:AdminKey={HostFixture.AdminKey}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        // The last lines the node printed, to say why when it does not start.
        var output = new Queue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        DataReceivedEventHandler keep = (_, e) =>
        {
            lock (output)
            {
                if (e.Data is { } line)
                {
                    if (line.IndexOf(ListeningMarker, StringComparison.Ordinal) is var at and >= 0)
                    {
                        listening.TrySetResult(new Uri(line[(at + ListeningMarker.Length)..].Trim()));
                    }

                    onLine?.Invoke(line);
                    output.Enqueue(line);
                    if (output.Count > 40)
                    {
                        output.Dequeue();
                    }
                }
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = await Eventually.Until(() =>
        {
            Assert.False(process.HasExited && !listening.Task.IsCompleted, "the node process exited during start:\n" + Tail(output));
            return listening.Task;
        }, t => t.IsCompleted, "the node process to print its address", TimeSpan.FromSeconds(60));
        var node = new NodeProcess(process, await address, output);
        using var probe = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, "the node process exited during start:\n" + node.Output);
            try
            {
                return (await probe.GetAsync("/readyz")).StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer on a loaded machine: ask again until the deadline.
                return HttpStatusCode.ServiceUnavailable;
            }
        }, s => s == HttpStatusCode.OK, "the node process to be ready", TimeSpan.FromSeconds(60));
        return node;
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HostFixture.AdminKey);
        return client;
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>The last lines the process printed.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Kills the process if it still runs; safe to call twice (a test's finally after a failed restart).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(30_000);
        }

        _process.Dispose();
    }

    private static string Tail(Queue<string> output)
    {
        lock (output)
        {
            return string.Join('\n', output);
        }
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}
