using Microsoft.Extensions.Logging;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.CrashHost;

/// <summary>
/// The schedule crash test's mode of the host process (tests/Host.FunctionalTests/Schedules/ScheduleCrashTests.cs): the
/// engine on real time with the schedule "sec" ticking every second (created on the first start), serving commands
/// read from stdin: <c>{tag} count</c> → <c>{tag} COUNT {instances}</c>; <c>{tag} settle</c> pauses the schedule,
/// waits until every instance has finished and answers <c>{tag} SETTLED</c>.
/// </summary>
internal static class ScheduleHost
{
    private const string Tenant = CrashNode.Tenant;

    public static async Task<int> RunAsync(string dataDir)
    {
        using var loggers = CrashNode.Loggers();
        using var node = CrashNode.Start(new EngineOptions { DataDir = dataDir }, [typeof(SecondTickWorkflow)], loggers);

        var engine = node.Engine;
        var runtime = node.Runtimes.Runtime(Tenant);
        await engine.CreateScheduleAsync(runtime, new NewSchedule("sec", "tick", "* * * * * *", null, null, null));

        Console.WriteLine("READY");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            switch (line.Split(' '))
            {
                case [var tag, "count"]:
                    Console.WriteLine($"{tag} COUNT {Instances(engine).Count}");
                    break;
                case [var tag, "settle"]:
                    await engine.SetSchedulePausedAsync(runtime, "sec", paused: true);
                    await Task.WhenAll(Instances(engine).Select(id =>
                        engine.WaitForStatusAsync(Tenant, id, InstanceStatus.IsFinished, CancellationToken.None)));
                    Console.WriteLine($"{tag} SETTLED");
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown command: {line}");
                    break;
            }
        }

        return 0;
    }

    private static List<string> Instances(WorkflowEngine engine) =>
        [.. engine.List(Tenant, new InstanceQuery(null, null, 10_000, null)).Items.Select(i => i.Id)];
}
