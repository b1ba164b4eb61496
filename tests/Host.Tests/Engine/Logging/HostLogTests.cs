using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Logging;

/// <summary>
/// The host's own log shows each line of workflow code under the category <c>Skein.Tenant</c>, at the line's level,
/// with tenant, instance, step and attempt as structured fields; a tenant gets a bounded number of lines a second there.
/// </summary>
public sealed class HostLogTests : IDisposable
{
    private const string Tenant = "t1";
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly StructuredLoggers _loggers = new();
    private StandaloneEngine? _node;

    [Fact]
    public async Task Each_line_is_in_the_host_log_with_tenant_instance_step_and_attempt_as_fields()
    {
        var engine = Start(maxPerSecond: 100);
        var created = await engine.CreateAsync(Tenant, "logs-across-replay", "i-1", "7");
        await WaitIdleAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        await AdvanceAsync(TimeSpan.FromMinutes(1));

        var lines = await Eventually.Until(() => TenantLines(), l => l.Count == 6, "six lines of workflow code in the host log");

        var retry = lines.Single(l => l.Message.EndsWith("charging, attempt 2", StringComparison.Ordinal));
        Assert.Equal(9570, retry.EventId);
        Assert.Equal(LogLevel.Information, retry.Level);
        Assert.Equal(Tenant, retry.Fields["Tenant"]);
        Assert.Equal(created.Id, retry.Fields["InstanceId"]);
        Assert.Equal("charge", retry.Fields["Step"]);
        Assert.Equal(1, retry.Fields["StepCount"]);
        Assert.Equal(2, retry.Fields["Attempt"]);
        Assert.Equal("charging, attempt 2", retry.Fields["Message"]);

        var outside = lines.Single(l => l.Message.EndsWith("sleeping", StringComparison.Ordinal));
        Assert.Equal((9571, LogLevel.Warning, Tenant, created.Id), (outside.EventId, outside.Level, outside.Fields["Tenant"], outside.Fields["InstanceId"]));
        Assert.Equal(LogLevel.Error, lines.Single(l => l.Message.EndsWith("shipped", StringComparison.Ordinal)).Level);
    }

    [Fact]
    public async Task Past_the_lines_a_second_a_tenant_may_write_the_rest_are_counted_in_one_warning()
    {
        var engine = Start(maxPerSecond: 3);
        await engine.CreateAsync(Tenant, "chatty", "c-1", """{"lines":5}""");
        await WaitIdleAsync();
        Assert.Equal(3, TenantLines().Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        await engine.CreateAsync(Tenant, "chatty", "c-2", """{"lines":1}""");
        await WaitIdleAsync();

        var skipped = Assert.Single(_loggers.Entries, e => e.EventId == 9572);
        Assert.Equal(LogLevel.Warning, skipped.Level);
        Assert.Equal((Tenant, 2L, 3), (skipped.Fields["Tenant"], skipped.Fields["Skipped"], skipped.Fields["PerSecond"]));
        Assert.Equal(4, TenantLines().Count);
    }

    public void Dispose()
    {
        _node?.Dispose();
        _dir.Dispose();
    }

    private List<StructuredEntry> TenantLines() =>
        [.. _loggers.Entries.Where(e => e.Category == "Skein.Tenant" && e.EventId is 9570 or 9571)];

    private WorkflowEngine Start(int maxPerSecond)
    {
        var options = new EngineOptions { DataDir = _dir.Path, MaxCachedExecutions = 0, MaxTenantLogLinesPerSecond = maxPerSecond };
        _node = new StandaloneEngine(options, new StaticWorkflowResolver([typeof(LogsAcrossReplay), typeof(Chatty)]), _time, _loggers);
        _node.Start();
        _node.Runtimes.AddTenant(Tenant);
        return _node.Engine;
    }

    private Task WaitIdleAsync() =>
        Eventually.Until(() => _node!.Runtimes.Runtime(Tenant).IsIdle(), "the engine to be idle");

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await WaitIdleAsync();
    }
}
