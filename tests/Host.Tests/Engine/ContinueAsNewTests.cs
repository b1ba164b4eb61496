using Microsoft.Data.Sqlite;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class ContinueAsNewTests
{
    [Fact]
    public async Task A_loop_continues_with_its_new_params_and_an_empty_history_under_the_same_id()
    {
        using var t = new TestEngine(typeof(Loop));
        var id = await t.CreateAsync("loop", new LoopState(1, 3));

        await t.WaitForStatusAsync(id, "complete");

        var described = t.Describe(id);
        Assert.Equal("3 runs, last carried \"run 2 \"", described.Output!.GetValue<string>());
        Assert.Equal(3, described.Run);
        Assert.Equal([1, 2], described.Runs!.Select(r => r.Run));
        Assert.All(described.Runs!, r => Assert.NotNull(r.StartedAt));
        Assert.Equal(3, described.Params!["run"]!.GetValue<int>());
        // Only the last run's step is left: the earlier runs' were forgotten with them.
        Assert.Equal("work", Assert.Single(described.Steps).Name);
    }

    [Fact]
    public async Task History_ids_keep_increasing_across_runs_and_each_continue_is_an_event_with_the_new_run()
    {
        using var t = new TestEngine(typeof(Loop));
        var id = await t.CreateAsync("loop", new LoopState(1, 3));
        await t.WaitForStatusAsync(id, "complete");

        var history = t.Log.ReadHistory(id, 0);

        Assert.Equal(history.Select(h => h.Seq).Order(), history.Select(h => h.Seq));
        Assert.Equal(history.Count, history.Select(h => h.Seq).Distinct().Count());
        Assert.Equal(["{\"run\":2}", "{\"run\":3}"], history.Where(h => h.Kind == "continuedAsNew").Select(h => h.Data));
        // The run before the last ended one was trimmed: the history starts at the continue into run 2.
        Assert.Equal("continuedAsNew", history[0].Kind);
        Assert.Equal("status", history[^1].Kind);
        Assert.StartsWith("{\"status\":\"complete\"", history[^1].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_sent_before_the_continue_is_taken_by_the_next_run_and_a_consumed_one_is_not_replayed()
    {
        using var t = new TestEngine(typeof(Inbox));
        var id = await t.CreateAsync("inbox", new LoopState(1, 2));
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("hold");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "msg", "\"first\"");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "msg", "\"second\"");

        probe.Open("hold");
        await t.WaitForStatusAsync(id, "complete");

        var described = t.Describe(id);
        Assert.Equal("first,second", described.Output!.GetValue<string>());
        Assert.Equal(2, described.Run);
        var take = Assert.Single(described.Steps);
        Assert.Equal("second", take.Output!.GetValue<string>());
        Assert.Equal(1, CountRows(t, $"SELECT COUNT(*) FROM events WHERE instance_id = '{id}'"));
    }

    [Fact]
    public async Task The_log_stays_flat_over_a_thousand_runs()
    {
        const int warmUp = 200;
        const int runs = 1000;
        // A thousand runs are ~3,000 fsync'd commits: 9 s on a quiet machine, over 30 s when other test processes
        // share its two cores. The deadline only bounds a hang, so it is sized to the work.
        var deadline = TimeSpan.FromMinutes(3);
        using var t = new TestEngine(typeof(Loop));
        var id = await t.CreateAsync("loop", new LoopState(1, runs, PauseAt: warmUp));
        await t.WaitForLogAsync(id, d => d.Run == warmUp && d.Status == "waiting", $"run {warmUp} waiting for \"go\"", deadline);
        await t.WaitUntilIdleAsync();
        var before = CheckpointedSize(t);

        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");
        await t.WaitForAsync(id, s => s == "complete", "complete after 1,000 runs", deadline);
        await t.WaitUntilIdleAsync();
        var after = CheckpointedSize(t);

        // Each run writes about 1 KB (a 300-character step result, five history rows, a run summary): keeping any of it
        // would grow the file by hundreds of KB over 800 runs. Freed pages are reused, so it may only move by a few pages.
        var perRun = (double)(after - before) / (runs - warmUp);
        Assert.True(perRun < 16, $"The log grew by {after - before} bytes over {runs - warmUp} runs ({perRun:F1} bytes per run).");
        Assert.Equal(runs, t.Describe(id).Run);
        Assert.Equal(TenantLog.KeptRunSummaries, t.Describe(id).Runs!.Count);
        Assert.Equal(runs - TenantLog.KeptRunSummaries, t.Describe(id).Runs![0].Run);
        Assert.True(CountRows(t, $"SELECT COUNT(*) FROM history WHERE instance_id = '{id}'") < 20);
    }

    [Fact]
    public async Task ContinueAsNew_thrown_inside_a_step_body_fails_the_step_without_retries_and_does_not_continue()
    {
        using var t = new TestEngine(typeof(BadContinue));
        var id = await t.CreateAsync("bad-continue", "in-step");

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal(1, described.Run);
        Assert.Empty(described.Runs!);
        var step = Assert.Single(described.Steps);
        Assert.Single(step.Attempts!);
        Assert.Equal("Step \"inside\" threw ContinueAsNew from its body; throw it from the workflow's RunAsync instead.", described.Error!.Message);
    }

    [Theory]
    [InlineData("too-large", "PayloadTooLargeException", "The params given to ContinueAsNew are 2097154 bytes of JSON; the tenant's limit is 1048576.")]
    [InlineData("wrong-type", "InvalidRequestException", "ContinueAsNew was given params of type Int32; workflow \"bad-continue\" takes String.")]
    public async Task Params_a_create_would_refuse_end_the_instance_errored_in_its_first_run(string how, string errorName, string message)
    {
        using var t = new TestEngine(typeof(BadContinue));
        var id = await t.CreateAsync("bad-continue", how);

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal(1, described.Run);
        Assert.Equal(errorName, described.Error!.Name);
        Assert.Equal(message, described.Error.Message);
        Assert.Equal(how, described.Params!.GetValue<string>());
    }

    [Fact]
    public async Task A_terminate_that_races_the_continue_terminates_the_next_run()
    {
        using var t = new TestEngine(typeof(ContinueOnce));
        var id = await t.CreateAsync("continue-once", new LoopState(1, 2));
        var probe = Probe.For(id);
        using var gate = await HoldTheContinueAsync(t, id, probe);
        var terminating = t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback: false);
        await QueuedBehindTheContinueAsync(t, "the terminate's write");
        gate.Release();

        Assert.Equal(InstanceStatus.Terminated, await terminating);
        await t.WaitUntilIdleAsync();
        var described = t.Describe(id);
        Assert.Equal("terminated", described.Status);
        Assert.Equal(2, described.Run);
        Assert.Equal(0, probe.Count("run 2"));
    }

    [Fact]
    public async Task A_pause_that_races_the_continue_pauses_the_next_run_before_it_starts()
    {
        using var t = new TestEngine(typeof(ContinueOnce));
        var id = await t.CreateAsync("continue-once", new LoopState(1, 2));
        var probe = Probe.For(id);
        using var gate = await HoldTheContinueAsync(t, id, probe);
        var pausing = t.Engine.PauseAsync(TestEngine.Tenant, id);
        await QueuedBehindTheContinueAsync(t, "the pause's write");

        gate.Release();

        Assert.Equal(InstanceStatus.WaitingForPause, await pausing);
        await t.WaitForStatusAsync(id, "paused");
        await t.WaitUntilIdleAsync();
        Assert.Equal((2, "paused"), (t.Describe(id).Run, t.Describe(id).Status));
        Assert.Equal(0, probe.Count("run 2"));

        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await t.WaitForStatusAsync(id, "waiting");
        Assert.Equal(1, probe.Count("run 2"));
    }

    [Fact]
    public async Task Restart_restarts_the_current_run_with_its_params()
    {
        using var t = new TestEngine(typeof(ContinueOnce));
        var id = await t.CreateAsync("continue-once", new LoopState(1, 2));
        Probe.For(id).Open("a");
        await t.WaitForLogAsync(id, d => d.Run == 2 && d.Status == "waiting", "run 2 waiting");

        await t.Engine.RestartAsync(TestEngine.Tenant, id, null, 1);
        await Eventually.Until(() => Probe.For(id).Count("run 2"), n => n == 2, "run 2 to start again");
        await t.WaitForStatusAsync(id, "waiting");

        var described = t.Describe(id);
        Assert.Equal(2, described.Run);
        Assert.Single(described.Runs!);
        Assert.Equal(2, described.Params!["run"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleting_an_instance_deletes_its_run_summaries()
    {
        using var t = new TestEngine(typeof(Loop));
        var id = await t.CreateAsync("loop", new LoopState(1, 3));
        await t.WaitForStatusAsync(id, "complete");

        Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, id));

        Assert.Equal(0, CountRows(t, $"SELECT COUNT(*) FROM runs WHERE instance_id = '{id}'"));
    }

    private static long CountRows(TestEngine t, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={t.Log.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The log file's size once its WAL is copied back into it: what the log takes on disk at rest.</summary>
    private static long CheckpointedSize(TestEngine t)
    {
        using var connection = new SqliteConnection($"Data Source={t.Log.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            Assert.Equal(0, reader.GetInt32(0)); // not busy: the engine is idle
        }

        return new FileInfo(t.Log.Path).Length;
    }

    /// <summary>
    /// Lets step "a" of <c>continue-once</c> commit and holds the continue that follows before its COMMIT; the returned
    /// gate releases it.
    /// </summary>
    private static Task QueuedBehindTheContinueAsync(TestEngine t, string what) =>
        Eventually.Until(() => t.Log.QueuedWrites, n => n == 1, $"{what} queued behind the continue");

    private static async Task<CommitGate> HoldTheContinueAsync(TestEngine t, string id, Probe probe)
    {
        await probe.WaitReachedAsync("a");
        var gate = t.Log.HoldCommits();
        probe.Open("a");
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "step a's commit to be held");
        gate.ReleaseOne();
        await Eventually.Until(() => gate.BatchesHeld == 1 && t.Log.FindInstance(id)!.Status == InstanceStatus.Running
            && CountRows(t, $"SELECT COUNT(*) FROM steps WHERE instance_id = '{id}' AND status = 'complete'") == 1, "the continue to be held");
        return gate;
    }
}
