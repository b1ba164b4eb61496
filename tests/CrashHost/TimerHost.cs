using System.Globalization;
using Microsoft.Extensions.Logging;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.CrashHost;

/// <summary>
/// The timer test's mode of the host process (tests/Host.FunctionalTests/TimerCrashTests.cs): the engine on real time
/// over a data folder, serving commands read from stdin, one per line, each answered with a line that starts with
/// the command's tag:
/// <c>{tag} create {id} {ms}</c> → <c>{tag} CREATED {id}</c> (a nap instance sleeping ms; idempotent by id),
/// <c>{tag} wait {id} {status}</c> → <c>{tag} REACHED {id} {status}</c> once the instance has that status,
/// <c>{tag} status {id}</c> → <c>{tag} STATUS {id} {status}</c>.
/// </summary>
internal static class TimerHost
{
    private const string Tenant = CrashNode.Tenant;

    public static async Task<int> RunAsync(string dataDir)
    {
        using var loggers = CrashNode.Loggers();
        using var node = CrashNode.Start(new EngineOptions { DataDir = dataDir }, [typeof(NapWorkflow)], loggers);

        var engine = node.Engine;

        Console.WriteLine("READY");
        var waits = new List<Task>();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            switch (line.Split(' '))
            {
                case [var tag, "create", var id, var ms]:
                    await engine.CreateAsync(Tenant, "nap", id, long.Parse(ms, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    Console.WriteLine($"{tag} CREATED {id}");
                    break;
                case [var tag, "wait", var id, var status]:
                    waits.Add(WaitAsync(engine, tag, id, status));
                    break;
                case [var tag, "status", var id]:
                    Console.WriteLine($"{tag} STATUS {id} {engine.Describe(Tenant, id)?.Instance.Status.Name ?? "missing"}");
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown command: {line}");
                    break;
            }
        }

        await Task.WhenAll(waits);
        return 0;
    }

    private static async Task WaitAsync(WorkflowEngine engine, string tag, string id, string status)
    {
        await engine.WaitForStatusAsync(Tenant, id, s => s?.Name == status || InstanceStatus.IsFinished(s), CancellationToken.None);
        Console.WriteLine($"{tag} REACHED {id} {engine.Describe(Tenant, id)?.Instance.Status.Name}");
    }
}
