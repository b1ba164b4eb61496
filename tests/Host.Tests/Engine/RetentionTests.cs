using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;
using Xunit.Abstractions;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Retention on fake time: a finished instance is purged with everything of it once its tenant's retention has
/// passed (30 days unless the limits say otherwise), never before, never while unfinished, never while the tenant is
/// frozen; and a purge under write load goes in bounded batches while the other writes keep committing.
/// </summary>
public sealed class RetentionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_finished_instance_is_purged_with_everything_of_it_after_the_retention_and_not_before()
    {
        using var purged = new PurgedCounter(TestEngine.Tenant);
        using var t = new TestEngine(typeof(ThreeSteps), typeof(Approval));
        var done = await t.CreateAsync("three-steps");
        var approved = await t.CreateAsync("approval", 60);
        await t.WaitForStatusAsync(done, "complete");
        await t.WaitForStatusAsync(approved, "waiting");
        await t.Engine.SendEventAsync(TestEngine.Tenant, approved, "approval", "\"ann\"");
        await t.Engine.SendEventAsync(TestEngine.Tenant, approved, "approval", "\"bob\"");
        await t.WaitForStatusAsync(approved, "complete");
        Assert.True(Rows(t, approved) > 0);

        await PassAsync(t, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal("complete", t.Describe(done).Status);
        Assert.Equal("complete", t.Describe(approved).Status);
        await PassAsync(t, RetentionPurger.Interval);

        foreach (var id in new[] { done, approved })
        {
            Assert.Null(t.Engine.Describe(TestEngine.Tenant, id));
            Assert.Empty(t.Log.ReadHistory(id, 0));
            Assert.Equal(0, Rows(t, id));
        }

        Assert.Empty(t.Engine.List(TestEngine.Tenant, new InstanceQuery(null, null, 100, null)).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.SendEventAsync(TestEngine.Tenant, approved, "approval", "\"late\""));
        Assert.Equal(2, t.Runtimes.Runtime(TestEngine.Tenant).InstancesPurged);
        // Other engines of this process purge for a tenant of the same name at the same time: at least these two.
        Assert.True(purged.Total >= 2, $"skein.instances.purged counted {purged.Total} for the tenant");
    }

    [Fact]
    public async Task An_unfinished_instance_is_never_purged_however_old()
    {
        using var t = new TestEngine(typeof(Sleeper), typeof(ThreeSteps));
        var sleeping = await t.CreateAsync("sleeper", (int)TimeSpan.FromDays(60).TotalMinutes);
        var done = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(sleeping, "waiting");
        await t.WaitForStatusAsync(done, "complete");

        await PassAsync(t, TimeSpan.FromDays(45));

        Assert.Null(t.Engine.Describe(TestEngine.Tenant, done));
        Assert.Equal("waiting", t.Describe(sleeping).Status);
        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(15));
        Assert.Equal("complete", (await t.WaitForStatusAsync(sleeping, "complete")));
    }

    [Fact]
    public async Task The_retention_in_the_tenants_limits_replaces_the_default()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        t.Runtimes.Runtime(TestEngine.Tenant).SetLimits(new TenantLimits { Retention = "2h" });
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");

        await PassAsync(t, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        Assert.Equal("complete", t.Describe(id).Status);
        await PassAsync(t, RetentionPurger.Interval);

        Assert.Null(t.Engine.Describe(TestEngine.Tenant, id));
    }

    [Fact]
    public async Task A_frozen_tenant_is_not_purged_until_it_is_unfrozen()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");
        Assert.True(t.Runtimes.FreezeTenant(TestEngine.Tenant));

        await PassAsync(t, TimeSpan.FromDays(31));
        Assert.Equal("complete", t.Describe(id).Status);
        Assert.True(t.Runtimes.UnfreezeTenant(TestEngine.Tenant));
        await PassAsync(t, RetentionPurger.Interval);

        Assert.Null(t.Engine.Describe(TestEngine.Tenant, id));
    }

    [Fact]
    public async Task A_purge_under_write_load_goes_in_bounded_batches_while_steps_keep_committing()
    {
        const int Old = 1_050;
        using var t = new TestEngine(typeof(ThreeSteps));
        var log = t.Log;
        var purger = t.Runtimes.Retention;
        // The pass at start is over and the next is minutes away on a clock that does not move: this test's purge
        // is the only one.
        await Eventually.Until(() => purger.Passes, n => n > 0, "the first purge pass");
        var now = t.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var longAgo = now - (long)TimeSpan.FromDays(31).TotalMilliseconds;
        await Task.WhenAll(Enumerable.Range(0, Old).Select(i => FinishedAsync(log, $"old-{i}", endedAt: longAgo - i)));
        var batches = new List<(int Instances, long WritesAfter)>();
        purger.OnBatch = b => batches.Add((b.Instances.Count, log.Stats.Writes));

        using var stop = new CancellationTokenSource();
        var loadCommitted = 0L;
        var load = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var id = $"load-{w}";
            await log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", now));
            await log.MarkRunningAsync(id, 1, now);
            for (var position = 0; !stop.IsCancellationRequested; position++)
            {
                Assert.True(await log.WriteStepAsync(new StepWrite(id, 1, position, StepKind.Step, $"s{position}", 1, StepStatus.Complete, now,
                    Output: "1", EndedAt: now), now));
                Interlocked.Increment(ref loadCommitted);
            }
        })).ToList();
        await Eventually.Until(() => Interlocked.Read(ref loadCommitted) > 100, "the load to get going");

        log.Stats.TakeMaxBatchTicks();
        var purged = await purger.PurgeAsync(t.Runtimes.Runtime(TestEngine.Tenant));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(Old, purged);
        Assert.Equal(Old, batches.Sum(b => b.Instances));
        Assert.All(batches, b => Assert.InRange(b.Instances, 0, RetentionPurger.InstancesPerWrite));
        Assert.True(batches.Count >= Old / RetentionPurger.InstancesPerWrite);
        // Between two purge writes, the load's writes committed too: more writes than the purge's own each time.
        var between = batches.Zip(batches.Skip(1), (a, b) => b.WritesAfter - a.WritesAfter).ToList();
        Assert.Contains(between, n => n > 1);
        Assert.Equal(8, log.ListInstances(new InstanceQuery(null, null, 100, null)).Count);
        output.WriteLine($"writer's longest batch during the purge: {log.Stats.TakeMaxBatchTicks() * 1000.0 / System.Diagnostics.Stopwatch.Frequency:0.0} ms " +
            $"over {batches.Count} purge writes; load writes committed: {Interlocked.Read(ref loadCommitted)}");
    }

    [Fact]
    public async Task A_child_is_purged_with_its_parent_never_alone_while_its_parent_is_kept()
    {
        using var t = new TestEngine(typeof(Children.ParentLingers), typeof(Children.ChildDouble));
        var parent = await t.CreateAsync("parent-lingers", 4);
        var child = $"{parent}-child-1";
        await Eventually.Until(() => t.Engine.Describe(TestEngine.Tenant, child), d => d is not null, "the child to exist");
        await t.WaitForStatusAsync(child, "complete");
        await t.WaitForStatusAsync(parent, "waiting");
        await PassAsync(t, TimeSpan.FromDays(10));
        await t.WaitForStatusAsync(parent, "complete");

        // The child ended 35 days ago, its parent 25: the child stays while its parent does.
        await PassAsync(t, TimeSpan.FromDays(25));
        Assert.Equal("complete", t.Describe(child).Status);
        Assert.Equal(8, t.Describe(parent).Output!.GetValue<int>());

        await PassAsync(t, TimeSpan.FromDays(6));
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, parent));
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, child));
        Assert.Equal(0, Rows(t, child));
    }

    /// <summary>Advances fake time by <paramref name="by"/> (at least one interval) and waits for the purge pass it starts.</summary>
    private static async Task PassAsync(TestEngine t, TimeSpan by)
    {
        Assert.True(by >= RetentionPurger.Interval);
        var purger = t.Runtimes.Retention;
        // The first pass runs at start; each later one is armed when the one before ended.
        await Eventually.Until(() => purger.Passes, n => n > 0, "the first purge pass");
        var passes = purger.Passes;
        t.Advance(by);
        await Eventually.Until(() => purger.Passes, n => n > passes, "a purge pass after the clock moved");
        await t.WaitUntilIdleAsync();
    }

    private static async Task FinishedAsync(TenantLog log, string id, long endedAt)
    {
        await log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", endedAt));
        await log.MarkRunningAsync(id, 1, endedAt);
        await log.WriteStepAsync(new StepWrite(id, 1, 0, StepKind.Step, "s", 1, StepStatus.Complete, endedAt, Output: "1", EndedAt: endedAt), endedAt);
        await log.FinishAsync(id, 1, InstanceStatus.Complete, "1", null, null, endedAt);
    }

    /// <summary>Rows of every table that records something of the instance.</summary>
    private static long Rows(TestEngine t, string id)
    {
        using var connection = SqliteDatabase.OpenPrivate(t.Log.Path);
        return new[] { "steps", "attempts", "events", "history" }
            .Sum(table => SqliteDatabase.Scalar<long>(connection, $"SELECT COUNT(*) FROM {table} WHERE instance_id = '{id}'"))
            + SqliteDatabase.Scalar<long>(connection, $"SELECT COUNT(*) FROM instances WHERE id = '{id}'");
    }
}
