using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Continue-as-new: ending a run and starting the next run of the same instance in one commit.</summary>
public abstract partial class WorkflowLogConformance
{
    [Fact]
    public async Task Continue_as_new_starts_the_next_run_with_new_params_an_empty_history_and_a_summary_of_the_run_that_ended()
    {
        await RunningAsync("a");
        Assert.True(await Log.WriteStepAsync(Step("a", 1, 0, "s") with { Attempt = new AttemptRow(0, 2, 10, 11, true, null, null) }, 11));

        var continued = await Log.ContinueAsNewAsync("a", 1, """{"next":true}""", 50);

        Assert.Equal(new ContinuedRun(2, InstanceStatus.Queued, 2), continued);
        var history = Log.LoadHistory("a")!;
        Assert.Equal((InstanceStatus.Queued, """{"next":true}""", 2, (long?)null), (history.Instance.Status, history.Instance.Params,
            history.Instance.Generation, history.Instance.StartedAt));
        Assert.Empty(history.Steps);
        Assert.Empty(history.Attempts);
        Assert.Equal(2, history.Runs!.Current);
        Assert.Equal([new RunSummary(1, 2, 50)], history.Runs.Earlier);
        Assert.Equal(["continuedAsNew", "status"], Log.ReadHistory("a", 0).TakeLast(2).Select(h => h.Kind));
    }

    [Fact]
    public async Task Continue_as_new_fences_every_later_write_of_the_run_that_ended_and_is_itself_fenced()
    {
        await RunningAsync("a");
        Assert.NotNull(await Log.ContinueAsNewAsync("a", 1, "1", 50));

        Assert.False(await Log.WriteStepAsync(Step("a", 1, 0, "late"), 51));
        Assert.False(await Log.FinishAsync("a", 1, InstanceStatus.Complete, "\"x\"", null, null, 52));
        Assert.Null(await Log.ContinueAsNewAsync("a", 1, "2", 53));
        Assert.True(await Log.FinishAsync("a", 2, InstanceStatus.Complete, "\"y\"", null, null, 54));
        Assert.Null(await Log.ContinueAsNewAsync("a", 2, "3", 55));
        Assert.Null(await Log.ContinueAsNewAsync("none", 1, "3", 55));
        Assert.Equal(("1", 2), (Log.FindInstance("a")!.Params, Log.LoadHistory("a")!.Runs!.Current));
    }

    [Fact]
    public async Task Continue_as_new_keeps_the_events_not_yet_consumed_and_drops_the_consumed_ones()
    {
        await RunningAsync("a");
        await Log.SendEventAsync("a", "e", "\"taken\"", 3);
        await Log.SendEventAsync("a", "e", "\"kept\"", 4);
        var wait = new StepWrite("a", 1, 0, StepKind.WaitForEvent, "w", 1, StepStatus.Waiting, 5, EventType: "e", WakeAt: 1_000);
        Assert.Equal("\"taken\"", (await Log.StartEventWaitAsync(wait, 5)).Payload);

        Assert.NotNull(await Log.ContinueAsNewAsync("a", 1, "null", 6));
        Assert.True(await Log.MarkRunningAsync("a", 2, 7));

        var next = await Log.StartEventWaitAsync(wait with { Generation = 2 }, 8);
        Assert.Equal("\"kept\"", next.Payload);
        // Restarting the new run hands back only what the new run took: the event the ended run took is gone.
        await Log.RestartAsync("a", 0, 9);
        Assert.True(await Log.MarkRunningAsync("a", 3, 10));
        Assert.Equal("\"kept\"", (await Log.StartEventWaitAsync(wait with { Generation = 3 }, 11)).Payload);
    }

    [Fact]
    public async Task Continue_as_new_after_a_pause_was_asked_starts_the_next_run_paused()
    {
        await RunningAsync("a");
        await Log.TransitionAsync("a", [InstanceStatus.Running], InstanceStatus.WaitingForPause, 3);

        Assert.Equal(InstanceStatus.Paused, (await Log.ContinueAsNewAsync("a", 1, "null", 4))!.Status);
        Assert.Equal(InstanceStatus.Paused, Log.FindInstance("a")!.Status);
    }

    [Fact]
    public async Task Continue_as_new_keeps_the_last_hundred_run_summaries_and_history_ids_keep_increasing()
    {
        await RunningAsync("a");
        for (var generation = 1; generation <= 120; generation++)
        {
            Assert.NotNull(await Log.ContinueAsNewAsync("a", generation, "null", 100 + generation));
        }

        var runs = Log.LoadHistory("a")!.Runs!;
        Assert.Equal(121, runs.Current);
        Assert.Equal(Enumerable.Range(21, 100), runs.Earlier.Select(r => r.Run));
        var seqs = Log.ReadHistory("a", 0).Select(h => h.Seq).ToList();
        Assert.Equal(seqs.Order(), seqs);
        // Only the ended run's history and the current run's are kept: a flat log however many runs there were.
        Assert.Equal(["continuedAsNew", "status", "continuedAsNew", "status"], Log.ReadHistory("a", 0).Select(h => h.Kind));
    }

    [Fact]
    public async Task Deleting_an_instance_that_continued_deletes_its_run_summaries()
    {
        await RunningAsync("a");
        Assert.NotNull(await Log.ContinueAsNewAsync("a", 1, "null", 5));

        Assert.True(await Log.DeleteInstanceAsync("a"));
        await Log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 6));

        var runs = Log.LoadHistory("a")!.Runs!;
        Assert.Equal(1, runs.Current);
        Assert.Empty(runs.Earlier);
    }
}
