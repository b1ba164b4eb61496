using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Logging;

/// <summary>
/// The engine's lines about a tenant's runtime: what a start resumed (per tenant and for the node, which is ready only
/// after it), a child's end waking its parent, and work that ended because its tenant stopped rather than failed.
/// </summary>
public sealed class EngineLogTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private StandaloneEngine? _node;

    [Fact]
    public async Task A_start_logs_the_instances_resumed_and_timers_armed_per_tenant_and_for_the_node()
    {
        var first = Start(new StructuredLoggers());
        foreach (var tenant in new[] { "t1", "t2", "t3" })
        {
            first.Runtimes.AddTenant(tenant);
            await CreateAsync(tenant, "sleeper", 10);
        }

        await Eventually.Until(() => new[] { "t1", "t2", "t3" }.All(t => first.Runtimes.Runtime(t).IsIdle()), "every tenant to be idle");
        first.Runtimes.FreezeTenant("t3");
        // Restarted once so that the attempt journals hold only the attempts of the gated instances (an instance whose
        // journaled attempt ended before the stop is woken too, to be checked, but not counted: see the next test).
        first.Dispose();
        var second = Start(new StructuredLoggers());
        foreach (var id in new[] { await CreateAsync("t1", "gated", null), await CreateAsync("t1", "gated", null) })
        {
            await Probe.For(id).WaitReachedAsync("body");
        }

        second.Dispose();

        var loggers = new StructuredLoggers();
        var third = Start(loggers);

        Assert.True(third.Runtimes.IsReady);
        var t1 = Assert.Single(loggers.Entries, e => e.EventId == EventIds.TenantRecovered && Equals(e.Fields["Tenant"], "t1"));
        Assert.Equal((2, 1), ((int)t1.Fields["Instances"]!, (int)t1.Fields["Timers"]!));
        var node = Assert.Single(loggers.Entries, e => e.EventId == EventIds.NodeRecovered);
        Assert.Equal(LogLevel.Information, node.Level);
        Assert.Equal((2, 2, 3, 1), ((int)node.Fields["Instances"]!, (int)node.Fields["Timers"]!, (int)node.Fields["Tenants"]!,
            (int)node.Fields["Frozen"]!));
    }

    [Fact]
    public async Task A_start_does_not_count_as_resumed_a_finished_or_sleeping_instance_whose_last_attempt_is_still_journaled()
    {
        var first = Start(new StructuredLoggers());
        first.Runtimes.AddTenant("t1");
        // Their last attempts stay in the attempt journal after they complete or go to sleep (cut only when another
        // attempt starts): they are woken to be checked, not resumed.
        var parent = await CreateAsync("t1", "parent-one", 5);
        await first.Engine.WaitForStatusAsync("t1", parent, s => s == Skein.Host.Storage.InstanceStatus.Complete, CancellationToken.None);
        await CreateAsync("t1", "sleeper", 10);
        await Eventually.Until(() => first.Runtimes.Runtime("t1").IsIdle(), "the tenant to be idle");
        first.Dispose();

        var loggers = new StructuredLoggers();
        Start(loggers);

        var t1 = Assert.Single(loggers.Entries, e => e.EventId == EventIds.TenantRecovered && Equals(e.Fields["Tenant"], "t1"));
        Assert.Equal((0, 1), ((int)t1.Fields["Instances"]!, (int)t1.Fields["Timers"]!));
    }

    [Fact]
    public async Task A_childs_end_that_wakes_its_parent_is_logged_with_the_parent_and_the_childs_status()
    {
        var loggers = new StructuredLoggers();
        var node = Start(loggers);
        node.Runtimes.AddTenant("t1");
        var parent = (await node.Engine.CreateAsync("t1", "parent-one", null, "5")).Id;
        await node.Engine.WaitForStatusAsync("t1", parent, s => s == Skein.Host.Storage.InstanceStatus.Complete, CancellationToken.None);

        var resolved = Assert.Single(loggers.Entries, e => e.EventId == EventIds.ChildResolved);
        Assert.Equal(LogLevel.Debug, resolved.Level);
        Assert.Equal(("t1", parent, "complete"), (resolved.Fields["Tenant"], resolved.Fields["InstanceId"], resolved.Fields["Status"]));
    }

    [Fact]
    public async Task Work_that_fails_because_its_tenant_stopped_is_logged_as_stopped_not_as_an_engine_failure()
    {
        var loggers = new StructuredLoggers();
        var node = Start(loggers);
        node.Runtimes.AddTenant("t1");
        var runtime = node.Runtimes.Runtime("t1");
        var message = new TaskCompletionSource();
        runtime.Post("i-1", _ => message.Task);

        node.Runtimes.QuiesceTenant("t1");
        message.SetException(new ObjectDisposedException("log"));

        var stopped = await Eventually.Until(() => loggers.Entries.FirstOrDefault(e => e.EventId == EventIds.InstanceStoppedWithTenant),
            e => e is not null, "the stopped work to be logged");
        Assert.Equal(("t1", "i-1", TenantStopReason.Replaced, nameof(ObjectDisposedException)),
            (stopped!.Fields["Tenant"], stopped.Fields["InstanceId"], stopped.Fields["Reason"], stopped.Fields["ErrorType"]));
        Assert.DoesNotContain(loggers.Entries, e => e.EventId == EventIds.InstanceExecutionFailed);
        node.Runtimes.ReopenTenant("t1");
    }

    public void Dispose()
    {
        _node?.Dispose();
        _dir.Dispose();
    }

    private StandaloneEngine Start(StructuredLoggers loggers)
    {
        var options = new EngineOptions { DataDir = _dir.Path };
        _node = new StandaloneEngine(options, new StaticWorkflowResolver([typeof(Gated), typeof(Sleeper), typeof(Children.ParentOne), typeof(Children.ChildDouble)]), _time, loggers);
        _node.Start();
        return _node;
    }

    private async Task<string> CreateAsync(string tenant, string workflow, int? minutes) =>
        (await _node!.Engine.CreateAsync(tenant, workflow, null, minutes?.ToString(System.Globalization.CultureInfo.InvariantCulture))).Id;
}
