using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.CrashHost;

/// <summary>
/// The continue-as-new crash test's mode (tests/Host.FunctionalTests/Crash/ContinueAsNewCrashTests.cs): creates the
/// same continue-loop instances at every start (idempotent by id), prints READY, then ALL COMPLETE and exits 0 once
/// every instance has run to its last run.
/// </summary>
internal static class ContinueHost
{
    private const string Tenant = CrashNode.Tenant;

    public static async Task<int> RunAsync(string dataDir, string sideEffectFile, int instances, int runs)
    {
        using var loggers = CrashNode.Loggers();
        var options = new EngineOptions { DataDir = dataDir, MaxCrashRecoveries = 1_000 };
        using var node = CrashNode.Start(options, [typeof(ContinueLoopWorkflow)], loggers);

        var engine = node.Engine;
        Console.WriteLine("READY");
        var parameters = JsonSerializer.Serialize(new ContinueParams(1, runs, 0, Path.GetFullPath(sideEffectFile)), JsonSerializerOptions.Web);
        var ids = Enumerable.Range(0, instances).Select(i => string.Create(CultureInfo.InvariantCulture, $"loop-{i:D2}")).ToList();
        foreach (var id in ids)
        {
            await engine.CreateAsync(Tenant, "continue-loop", id, parameters);
        }

        var statuses = await Task.WhenAll(ids.Select(id => engine.WaitForStatusAsync(Tenant, id, InstanceStatus.IsFinished, CancellationToken.None)));
        var failed = ids.Zip(statuses).Where(pair => pair.Second != InstanceStatus.Complete).ToList();
        foreach (var (id, status) in failed)
        {
            var instance = engine.Describe(Tenant, id)?.Instance;
            Console.WriteLine($"FAILED {id} {status?.Name}: {instance?.ErrorName} {instance?.ErrorMessage}");
        }

        if (failed.Count > 0)
        {
            return 1;
        }

        Console.WriteLine("ALL COMPLETE");
        return 0;
    }
}
