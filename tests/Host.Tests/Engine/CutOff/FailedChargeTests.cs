using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.CutOff;

/// <summary>
/// Charging an instance's cut-off attempts is part of its first start after a host start: when that write fails,
/// the instance is not left stuck until the next restart but tried again five seconds later, like any failed
/// start, and the attempt journal is kept until the charge is committed.
/// </summary>
public sealed class FailedChargeTests
{
    [Fact]
    public async Task A_charge_that_fails_is_tried_again_five_seconds_later_and_the_instance_runs()
    {
        using var t = new TestEngine(typeof(CutOffWorkflow));
        var id = await t.CreateAsync("cut-off", new CutOffParams(Limit: 3));
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("s1#1");
        var recovering = Path.Combine(TenantIds.Folder(t.DataDir, TestEngine.Tenant), "attempts.journal.recovering");
        // Counting a recovery is the charge's last statement: failing it fails the charge's one write.
        Execute(t, """
            CREATE TRIGGER charge_fails BEFORE UPDATE OF recoveries ON instances WHEN NEW.recoveries > OLD.recoveries
            BEGIN SELECT RAISE(ABORT, 'the disk said no'); END
            """);

        t.Restart();
        await t.WaitUntilIdleAsync();
        Assert.Equal("running", t.Describe(id).Status);
        Assert.Equal(0, probe.Count("s1#2"));
        Assert.True(File.Exists(recovering), "the journal is kept while a charge is not committed");
        Assert.Equal(0, t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running);

        Execute(t, "DROP TRIGGER charge_fails");
        await t.AdvanceAndSettleAsync(TimeSpan.FromSeconds(4));
        Assert.Equal(0, probe.Count("s1#2"));

        t.Advance(TimeSpan.FromSeconds(1));
        await probe.WaitReachedAsync("s1#2");
        probe.Open("s1#2");
        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(["s1#1", "s1#2"], probe.Effects);
        var step = Assert.Single(t.Describe(id).Steps);
        Assert.Equal(["HostStopped", null], step.Attempts!.Select(a => a.Error?.Name));
        Assert.False(File.Exists(recovering), "the journal goes once every charge is committed");
    }

    [Fact]
    public async Task While_one_instances_charge_fails_the_journal_is_kept_though_another_instances_charge_committed()
    {
        using var t = new TestEngine(typeof(CutOffWorkflow));
        var charged = await t.CreateAsync("cut-off", new CutOffParams(Limit: 3));
        var failing = await t.CreateAsync("cut-off", new CutOffParams(Limit: 3));
        await Probe.For(charged).WaitReachedAsync("s1#1");
        await Probe.For(failing).WaitReachedAsync("s1#1");
        Execute(t, $"""
            CREATE TRIGGER charge_fails BEFORE UPDATE OF recoveries ON instances
            WHEN NEW.recoveries > OLD.recoveries AND NEW.id = '{failing}'
            BEGIN SELECT RAISE(ABORT, 'the disk said no'); END
            """);

        t.Restart();
        await Probe.For(charged).WaitReachedAsync("s1#2");
        await t.WaitUntilIdleAsync(stepBodiesRunning: 1);

        Assert.Equal(0, Probe.For(failing).Count("s1#2"));
        Assert.True(File.Exists(Recovering(t)), "the journal is kept while a charge is not committed");
        // A second stop now must still charge the attempt whose charge failed.
        Execute(t, "DROP TRIGGER charge_fails");
        t.Restart();
        await Probe.For(failing).WaitReachedAsync("s1#2");
        Probe.For(failing).Open("s1#2");
        await t.WaitForStatusAsync(failing, "complete");
        Assert.Equal(["HostStopped", null], Assert.Single(t.Describe(failing).Steps).Attempts!.Select(a => a.Error?.Name));
    }

    [Fact]
    public async Task A_start_that_finds_nothing_cut_off_leaves_no_journal_set_aside()
    {
        using var t = new TestEngine(typeof(CutOffWorkflow));
        var id = await t.CreateAsync("cut-off", new CutOffParams(Limit: 3));
        var probe = Probe.For(id);
        probe.Open("s1#1");
        await t.WaitForStatusAsync(id, "complete");

        t.Restart();
        t.Restart();

        // Recovery runs as the runtime opens, off the caller's thread: nothing to charge, so the set-aside journal goes.
        await Eventually.Until(() => !File.Exists(Recovering(t)), "the set-aside journal to be deleted");
    }

    private static string Recovering(TestEngine t) =>
        Path.Combine(TenantIds.Folder(t.DataDir, TestEngine.Tenant), "attempts.journal.recovering");

    private static void Execute(TestEngine t, string sql)
    {
        using var connection = SqliteDatabase.Open(t.Log.Path);
        SqliteDatabase.Execute(connection, sql);
    }
}
