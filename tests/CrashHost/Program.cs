using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Skein.CrashHost;
using Skein.Host.Engine;
using Skein.Host.Storage;

// The host process of the crash test. Every start creates the same instances (creates are idempotent by id, so a
// restarted process re-issues them safely), prints READY once the engine has started and recovered, and prints
// ALL COMPLETE and exits 0 once every instance is complete. With the arguments "timers <dataDir>" it runs the timer
// test's mode instead (TimerHost); a fifth argument "suicide" runs the crash-loop scenario (SuicideScenario).
const string Tenant = "t1";

if (args is ["timers", var timerDataDir])
{
    return await TimerHost.RunAsync(timerDataDir);
}

if (args is ["schedules", var scheduleDataDir])
{
    return await ScheduleHost.RunAsync(scheduleDataDir);
}

if (args is ["continue", var loopDataDir, var loopSideEffects, var loopInstances, var loopRuns])
{
    return await ContinueHost.RunAsync(loopDataDir, loopSideEffects, int.Parse(loopInstances, CultureInfo.InvariantCulture),
        int.Parse(loopRuns, CultureInfo.InvariantCulture));
}

if (args is ["children", var childDataDir])
{
    return await ChildHost.RunAsync(childDataDir);
}

if (args.Length is not (4 or 5) || (args.Length == 5 && args[4] != "suicide")
    || !int.TryParse(args[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var instances) || instances < 1
    || !int.TryParse(args[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxConcurrent) || maxConcurrent < 1)
{
    await Console.Error.WriteLineAsync("usage: Skein.CrashHost <dataDir> <sideEffectFile> <instances> <maxConcurrentInstances> [suicide]");
    return 2;
}

var (dataDir, sideEffectFile) = (args[0], Path.GetFullPath(args[1]));
using var loggers = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Warning)
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
var suicide = args.Length == 5;
var options = new EngineOptions { DataDir = dataDir, MaxConcurrentInstancesPerTenant = maxConcurrent };
if (!suicide)
{
    // Random kills may cut the same instance off many times in a row; the crash-loop cap is not what they test.
    options.MaxCrashRecoveries = 1_000;
}

using var node = new StandaloneEngine(options, new StaticWorkflowResolver([typeof(CrashWorkflow), typeof(SuicideWorkflow)]),
    TimeProvider.System, loggers);
node.Start();
if (!node.Runtimes.HasTenant(Tenant))
{
    node.Runtimes.AddTenant(Tenant);
}

var engine = node.Engine;

Console.WriteLine("READY");
if (suicide)
{
    return await SuicideScenario.RunAsync(engine, Tenant, sideEffectFile);
}

var parameters = JsonSerializer.Serialize(new CrashParams(sideEffectFile), JsonSerializerOptions.Web);
var ids = Enumerable.Range(0, instances).Select(i => string.Create(CultureInfo.InvariantCulture, $"c-{i:D4}")).ToList();
foreach (var batch in ids.Chunk(WorkflowEngine.MaxBatch))
{
    var created = await engine.CreateBatchAsync(Tenant, "crash", batch.Select(id => ((string?)id, (string?)parameters)).ToList());
    if (created.FirstOrDefault(item => item.Error is not null) is { Error: { } error })
    {
        await Console.Error.WriteLineAsync($"FAILED to create an instance: {error.Message}");
        return 1;
    }
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
