using System.Text.Json;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// What the log's writes record in an instance's history, entry by entry: a step's kind and its error and attempt
/// objects, a timed-out event wait, a restart, a pause and an end, and the <c>running</c> entry a wake-up writes
/// only for an instance that was waiting.
/// </summary>
public sealed class TenantLogHistoryTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public TenantLogHistoryTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_step_that_failed_an_attempt_records_its_error_and_the_attempts_error_with_its_stack()
    {
        await Running("a");
        var failed = new AttemptRow(0, 1, 3, 4, false, "Boom", "it broke", "at A\nat B");
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "call", 1, StepStatus.Retrying, 3,
            ErrorName: "Boom", ErrorMessage: "it broke", Attempt: failed), 11));

        var (kind, data) = Last("a");

        Assert.Equal("step", kind);
        Assert.Equal("step", data.GetProperty("type").GetString());
        Assert.Equal("call", data.GetProperty("name").GetString());
        Assert.Equal("retrying", data.GetProperty("status").GetString());
        Assert.True(data.TryGetProperty("error", out var error), "the entry has the step's error");
        Assert.Equal("""{"name":"Boom","message":"it broke"}""", error.GetRawText());
        Assert.True(data.TryGetProperty("attempt", out var attempt), "the entry has its attempt");
        Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
        Assert.False(attempt.GetProperty("success").GetBoolean());
        Assert.True(attempt.TryGetProperty("error", out var attemptError), "the attempt has its error");
        Assert.Equal("""{"name":"Boom","message":"it broke","stack":["at A","at B"]}""", attemptError.GetRawText());
    }

    [Fact]
    public async Task A_step_that_succeeds_at_a_later_attempt_records_no_error_for_it_or_its_attempt()
    {
        await Running("a");
        var succeeded = new AttemptRow(0, 2, 5, 6, true, null, null);
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "call", 1, StepStatus.Complete, 3,
            Output: "1", EndedAt: 6, Attempt: succeeded), 11));

        var (kind, data) = Last("a");

        Assert.Equal("step", kind);
        Assert.Equal("complete", data.GetProperty("status").GetString());
        Assert.False(data.TryGetProperty("error", out _));
        Assert.True(data.TryGetProperty("attempt", out var attempt), "the entry has its attempt");
        Assert.Equal(2, attempt.GetProperty("attempt").GetInt32());
        Assert.True(attempt.GetProperty("success").GetBoolean());
        Assert.False(attempt.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task A_failed_attempt_without_a_stack_records_its_error_without_one()
    {
        await Running("a");
        var failed = new AttemptRow(0, 1, 3, 4, false, "Boom", "it broke");
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "call", 1, StepStatus.Errored, 3,
            ErrorName: "Boom", ErrorMessage: "it broke", EndedAt: 4, Attempt: failed), 11));

        var (_, data) = Last("a");

        Assert.True(data.TryGetProperty("attempt", out var attempt), "the entry has its attempt");
        Assert.True(attempt.TryGetProperty("error", out var error), "the attempt has its error");
        Assert.Equal("""{"name":"Boom","message":"it broke"}""", error.GetRawText());
    }

    [Fact]
    public async Task A_timed_out_event_wait_records_its_step_entry_with_the_timeout_error()
    {
        await Running("a");
        var wait = new StepWrite("a", 1, 0, StepKind.WaitForEvent, "approval", 1, StepStatus.Waiting, 11, EventType: "approved", WakeAt: 50);
        Assert.Equal(new EventWaitOutcome(false, false, null, 0), await _log.StartEventWaitAsync(wait, 11));

        var row = await _log.EndWaitAsync("a", 1, 0, 50);

        Assert.Equal(StepStatus.TimedOut, row!.Status);
        var (kind, data) = Last("a");
        Assert.Equal("step", kind);
        Assert.Equal("waitForEvent", data.GetProperty("type").GetString());
        Assert.Equal("approval", data.GetProperty("name").GetString());
        Assert.Equal(0, data.GetProperty("position").GetInt32());
        Assert.Equal("timedOut", data.GetProperty("status").GetString());
        Assert.True(data.TryGetProperty("error", out var error), "the entry has the timeout error");
        Assert.Equal("WorkflowTimeoutException", error.GetProperty("name").GetString());
        Assert.Equal("No \"approved\" event arrived before the wait \"approval\" timed out.", error.GetProperty("message").GetString());
        Assert.False(data.TryGetProperty("attempt", out _));
    }

    [Fact]
    public async Task Ending_a_wait_that_was_never_written_answers_nothing_and_records_nothing()
    {
        await Running("a");
        var before = _log.ReadHistory("a", 0).Count;

        Assert.Null(await _log.EndWaitAsync("a", 1, 3, 50));

        Assert.Equal(before, _log.ReadHistory("a", 0).Count);
    }

    [Fact]
    public async Task Ending_a_wait_that_already_ended_records_nothing_and_leaves_the_instance_on_its_next_wait()
    {
        // A restart ends an overdue sleep twice (the replay finds it due, and its re-armed timer fires): only the
        // first end may show in the history, and the second must not move an instance that waits again to running.
        await Waiting("a");
        Assert.NotNull(await _log.EndWaitAsync("a", 1, 0, 100));
        var wait = new StepWrite("a", 1, 1, StepKind.WaitForEvent, "approval", 1, StepStatus.Waiting, 101, EventType: "approved");
        Assert.Equal(new EventWaitOutcome(false, false, null, 0), await _log.StartEventWaitAsync(wait, 101));
        Assert.True(await _log.MarkWaitingAsync("a", 1, [1], 102));
        var before = _log.ReadHistory("a", 0).Count;

        var row = await _log.EndWaitAsync("a", 1, 0, 103);

        Assert.Equal((StepStatus.Complete, (long?)100), (row!.Status, row.EndedAt));
        Assert.Equal(before, _log.ReadHistory("a", 0).Count);
        Assert.Equal(InstanceStatus.Waiting, _log.FindInstance("a")!.Status);
    }

    [Fact]
    public async Task A_restart_from_a_step_records_the_instance_queued_again_from_that_step()
    {
        await Running("a");
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "s0", 1, StepStatus.Complete, 11, Output: "1", EndedAt: 12), 12));
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 1, StepKind.Step, "s1", 1, StepStatus.Complete, 13, Output: "2", EndedAt: 14), 14));
        Assert.True(await _log.FinishAsync("a", 1, InstanceStatus.Complete, "2", null, null, 15));

        Assert.NotNull(await _log.RestartAsync("a", 1, 20));

        var (kind, data) = Last("a");
        Assert.Equal("status", kind);
        Assert.Equal("""{"status":"queued","restartedFrom":1}""", data.GetRawText());
    }

    [Fact]
    public async Task A_pause_and_an_end_are_status_entries()
    {
        await Running("a");

        Assert.Equal(InstanceStatus.Running, await _log.TransitionAsync("a", [InstanceStatus.Running], InstanceStatus.Paused, 11));
        Assert.Equal(("status", """{"status":"paused"}"""), Raw(Last("a")));

        Assert.Equal(InstanceStatus.Paused, await _log.TransitionAsync("a", [InstanceStatus.Paused], InstanceStatus.Running, 12));
        Assert.True(await _log.FinishAsync("a", 1, InstanceStatus.Complete, "3", null, null, 13));
        Assert.Equal(("status", """{"status":"complete","output":3}"""), Raw(Last("a")));
    }

    [Fact]
    public async Task A_resuming_step_write_of_an_instance_that_was_not_waiting_records_no_running_entry()
    {
        await Running("a");
        var before = _log.ReadHistory("a", 0).Count;

        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "s0", 1, StepStatus.Complete, 11,
            Output: "1", EndedAt: 12, Resume: true), 12));

        var added = _log.ReadHistory("a", 0).Skip(before).Select(h => h.Kind).ToList();
        Assert.Equal(["step"], added);
        Assert.Equal(InstanceStatus.Running, _log.FindInstance("a")!.Status);
    }

    [Fact]
    public async Task A_resuming_step_write_moves_a_waiting_instance_to_running_and_records_it()
    {
        await Waiting("a");
        var before = _log.ReadHistory("a", 0).Count;

        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 1, StepKind.Step, "s1", 1, StepStatus.Complete, 60,
            Output: "1", EndedAt: 61, Resume: true), 61));

        Assert.Equal(InstanceStatus.Running, _log.FindInstance("a")!.Status);
        var added = _log.ReadHistory("a", 0).Skip(before).Select(h => (h.Kind, h.Data)).ToList();
        Assert.Equal([("step", added[0].Data), ("status", """{"status":"running"}""")], added);
    }

    [Fact]
    public async Task A_step_write_without_resume_leaves_a_waiting_instance_waiting()
    {
        await Waiting("a");

        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 1, StepKind.Step, "s1", 1, StepStatus.Complete, 60,
            Output: "1", EndedAt: 61), 61));

        Assert.Equal(InstanceStatus.Waiting, _log.FindInstance("a")!.Status);
        Assert.Equal("step", _log.ReadHistory("a", 0)[^1].Kind);
    }

    [Fact]
    public async Task Marking_a_running_instance_running_again_records_no_second_entry_and_a_waiting_one_records_one()
    {
        await Running("a");
        var before = _log.ReadHistory("a", 0).Count;

        // As a restart's recovery, or a replay, starts a run the log already says is running.
        Assert.True(await _log.MarkRunningAsync("a", 1, 20));
        Assert.Equal(before, _log.ReadHistory("a", 0).Count);
        Assert.Equal(InstanceStatus.Running, _log.FindInstance("a")!.Status);

        await Waiting("b");
        var waiting = _log.ReadHistory("b", 0).Count;
        Assert.True(await _log.MarkRunningAsync("b", 1, 30));
        Assert.Equal((waiting + 1, "status", """{"status":"running"}"""),
            (_log.ReadHistory("b", 0).Count, Last("b").Kind, Last("b").Data.GetRawText()));
    }

    private async Task Running(string id)
    {
        await _log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync(id, 1, 10));
    }

    /// <summary>A running instance, then <c>waiting</c> on a sleep at position 0.</summary>
    private async Task Waiting(string id)
    {
        await Running(id);
        Assert.True(await _log.WriteStepAsync(new StepWrite(id, 1, 0, StepKind.Sleep, "nap", 1, StepStatus.Waiting, 11, WakeAt: 100), 11));
        Assert.True(await _log.MarkWaitingAsync(id, 1, [0], 12));
        Assert.Equal(InstanceStatus.Waiting, _log.FindInstance(id)!.Status);
    }

    private (string Kind, JsonElement Data) Last(string id)
    {
        var last = _log.ReadHistory(id, 0)[^1];
        return (last.Kind, JsonDocument.Parse(last.Data!).RootElement.Clone());
    }

    private static (string, string) Raw((string Kind, JsonElement Data) entry) => (entry.Kind, entry.Data.GetRawText());
}
