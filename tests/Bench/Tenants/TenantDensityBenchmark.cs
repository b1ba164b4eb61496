using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Skein.Host.Engine;

namespace Skein.Bench.Tenants;

/// <summary>
/// Tenants per node under a descriptor limit: re-runs itself in a child process under <c>ulimit -n</c> (soft and hard,
/// since .NET raises the soft limit to the hard one), which adds tenants and touches each log with a write and a read
/// until one fails or the target is reached.
/// </summary>
internal static class TenantDensityBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var limit = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1024;
        var target = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var self = Environment.ProcessPath!;
        // Under `dotnet Bench.dll` the process is dotnet and needs the assembly; an apphost runs it by itself.
        var entry = Path.GetFileNameWithoutExtension(self) == "dotnet" ? $"\"{typeof(TenantDensityBenchmark).Assembly.Location}\" " : "";
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"ulimit -n {limit} && exec \"{self}\" {entry}tenants-inner {limit} {target}");
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    public static async Task<int> RunInnerAsync(string[] args)
    {
        var limit = args[0];
        var target = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var dataDir = Path.Combine(Path.GetTempPath(), "skein-bench-tenants-" + Guid.NewGuid().ToString("n"));
        var options = new EngineOptions { DataDir = dataDir };
        var count = 0;
        string? failure = null;
        var openLogs = 0;
        using (var engine = new StandaloneEngine(options, new StaticWorkflowResolver([]), TimeProvider.System, NullLoggerFactory.Instance))
        {
            engine.Start();
            openLogs = engine.Runtimes.OpenLogs.Capacity;
            try
            {
                for (; count < target; count++)
                {
                    var tenant = $"d-{count:D5}";
                    engine.Runtimes.AddTenant(tenant);
                    var log = engine.Runtimes.Runtime(tenant).Log;
                    // A write that finds nothing to change still opens the log's writer and commits.
                    await log.MarkRunningAsync("none", 1, 0);
                    _ = log.CountByStatus();
                }
            }
            catch (Exception error)
            {
                failure = error.Message;
            }
        }

        FigureWriter.Figure($"tenants per node (ulimit -n {limit}, default settings: {openLogs} open logs at most)", count, "tenants");
        FigureWriter.Note(failure is null ? $"stopped at the target of {target}, no failure" : $"stopped by: {failure}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDir, recursive: true);
        return 0;
    }
}
