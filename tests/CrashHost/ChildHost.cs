using System.Globalization;
using Microsoft.Extensions.Logging;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.CrashHost;

/// <summary>
/// The child-workflow crash test's mode of the host process (tests/Host.FunctionalTests/ChildCrashTests.cs): the
/// engine on real time over a data folder, serving commands read from stdin, each answered with a line that starts
/// with the command's tag:
/// <c>{tag} create {id}</c> → <c>{tag} CREATED {id}</c> (a crash-parent instance; idempotent by id),
/// <c>{tag} wait {id} {status}</c> → <c>{tag} REACHED {id} {status}</c> once the instance exists and has that status,
/// <c>{tag} event {id} {value}</c> → <c>{tag} SENT {id}</c> (a <c>go</c> event),
/// <c>{tag} hold-wakes</c> → <c>{tag} HELD</c>: from now on the log's commits that resolve a parent's child step wake
/// nobody, as if the process died between the commit and the wake,
/// <c>{tag} family {id}</c> → <c>{tag} FAMILY {id} {children} {status} {output}</c>: how many instances name it as
/// parent, its status and output.
/// </summary>
internal static class ChildHost
{
    private const string Tenant = CrashNode.Tenant;

    public static async Task<int> RunAsync(string dataDir)
    {
        using var loggers = CrashNode.Loggers();
        using var node = CrashNode.Start(new EngineOptions { DataDir = dataDir }, [typeof(CrashParentWorkflow), typeof(CrashKidWorkflow)], loggers);

        var engine = node.Engine;
        var log = node.Runtimes.Runtime(Tenant).Log;

        Console.WriteLine("READY");
        var waits = new List<Task>();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            switch (line.Split(' '))
            {
                case [var tag, "create", var id]:
                    await engine.CreateAsync(Tenant, "crash-parent", id, "5");
                    Console.WriteLine($"{tag} CREATED {id}");
                    break;
                case [var tag, "wait", var id, var status]:
                    waits.Add(WaitAsync(engine, tag, id, status));
                    break;
                case [var tag, "event", var id, var value]:
                    await engine.SendEventAsync(Tenant, id, "go", int.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    Console.WriteLine($"{tag} SENT {id}");
                    break;
                case [var tag, "hold-wakes"]:
                    log.FamilyChanged = _ => { };
                    Console.WriteLine($"{tag} HELD");
                    break;
                case [var tag, "family", var id]:
                    var children = log.ListInstances(new InstanceQuery(null, null, 1000, null)).Count(i => i.Parent?.Id == id);
                    var instance = log.FindInstance(id);
                    Console.WriteLine($"{tag} FAMILY {id} {children} {instance?.Status.Name ?? "missing"} {instance?.Output ?? "null"}");
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
        while (true)
        {
            try
            {
                await engine.WaitForStatusAsync(Tenant, id, s => s?.Name == status || InstanceStatus.IsFinished(s), CancellationToken.None);
                break;
            }
            catch (NotFoundException)
            {
                // Not created yet (a child appears when its parent reaches the step): look again shortly.
                await Task.Delay(20);
            }
        }

        Console.WriteLine($"{tag} REACHED {id} {engine.Describe(Tenant, id)?.Instance.Status.Name}");
    }
}
