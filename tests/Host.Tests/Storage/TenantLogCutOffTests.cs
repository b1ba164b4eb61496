using System.Text.Json;
using Skein.Host.Api;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// What charging the attempts a host stop cut off leaves in the log, as describe and the history show it: which
/// journaled attempt is charged, which are not, and the instance stopped for crash-looping with its message.
/// </summary>
public sealed class TenantLogCutOffTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public TenantLogCutOffTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task An_instance_cut_off_past_the_limit_is_errored_with_the_crash_loop_message_in_describe_and_history()
    {
        await Running("a");
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "call", 1, StepStatus.Complete, 11, Output: "1", EndedAt: 12), 12));
        Assert.False((await Charge("a", Attempt("a", 1, "call", 2, attempt: 1), maxRecoveries: 2, now: 20)).Stopped);
        Assert.False((await Charge("a", Attempt("a", 1, "call", 2, attempt: 2), maxRecoveries: 2, now: 30)).Stopped);

        var third = await Charge("a", Attempt("a", 1, "call", 2, attempt: 3), maxRecoveries: 2, now: 40);

        Assert.Equal((true, 3), (third.Stopped, third.Recoveries));
        const string message = "The host stopped while this instance was running 3 times in a row without it making progress " +
            "(the limit is 2, Skein:MaxCrashRecoveries); it was stopped so that it cannot take the node down again. " +
            "The last cut-off attempt was step \"call\" #2 attempt 3. Fix the cause and restart the instance.";
        var described = InstanceDescriber.Describe(_log.LoadHistory("a")!);
        Assert.Equal("errored", described.Status);
        Assert.Equal(("CrashLoop", message), (described.Error!.Name, described.Error.Message));
        var step = described.Steps[1];
        Assert.Equal("errored", step.Status);
        Assert.Equal([1, 2, 3], step.Attempts!.Select(a => a.Attempt));
        Assert.Equal(
            "The host stopped while attempt 3 of step \"call\" #2 was running (a crash, a kill or a shutdown); the attempt counts against the step's retry limit.",
            step.Attempts![2].Error!.Message);

        var history = _log.ReadHistory("a", 0);
        Assert.Equal(["step", "step", "status"], history.TakeLast(3).Select(h => h.Kind));
        // The step's end is in the history as in describe: its last entry is errored, not the cut-off attempt's retrying.
        var stepEnd = JsonDocument.Parse(history[^2].Data!).RootElement;
        Assert.Equal(("call", 2, "errored"), (stepEnd.GetProperty("name").GetString(), stepEnd.GetProperty("count").GetInt32(),
            stepEnd.GetProperty("status").GetString()));
        Assert.Equal(TenantLog.HostStoppedError, stepEnd.GetProperty("error").GetProperty("name").GetString());
        var status = JsonDocument.Parse(history[^1].Data!).RootElement;
        Assert.Equal("errored", status.GetProperty("status").GetString());
        Assert.Equal("CrashLoop", status.GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(message, status.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Of_several_attempts_journaled_at_one_position_the_latest_is_charged()
    {
        await Running("a");
        var failed = new AttemptRow(0, 1, 11, 12, false, "Boom", "it broke");
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "call", 1, StepStatus.Retrying, 11,
            ErrorName: "Boom", ErrorMessage: "it broke", Attempt: failed), 12));

        var outcome = await _log.ChargeCutOffAttemptsAsync("a",
            [Attempt("a", 0, "call", 1, attempt: 2), Attempt("a", 0, "call", 1, attempt: 1)], maxRecoveries: 5, now: 20);

        Assert.Equal([2], outcome.Charged.Select(a => a.Attempt));
        var step = Assert.Single(InstanceDescriber.Describe(_log.LoadHistory("a")!).Steps);
        Assert.Equal([(1, "Boom"), (2, TenantLog.HostStoppedError)], step.Attempts!.Select(a => (a.Attempt, a.Error!.Name)));
    }

    [Fact]
    public async Task An_attempt_journaled_where_the_log_holds_a_sleep_of_the_same_name_is_not_charged()
    {
        await Running("a");
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Sleep, "call", 1, StepStatus.Waiting, 11, WakeAt: 100), 11));

        var outcome = await Charge("a", Attempt("a", 0, "call", 1, attempt: 1), maxRecoveries: 5, now: 20);

        Assert.Equal((0, 0), (outcome.Charged.Count, outcome.Recoveries));
        var step = Assert.Single(InstanceDescriber.Describe(_log.LoadHistory("a")!).Steps);
        Assert.Equal<(string, bool?)>(("sleep", false), (step.Type, step.Finished));
        Assert.Null(step.Attempts);
    }

    private async Task Running(string id)
    {
        await _log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync(id, 1, 10));
    }

    private Task<CutOffOutcome> Charge(string id, AttemptStart started, int maxRecoveries, long now) =>
        _log.ChargeCutOffAttemptsAsync(id, [started], maxRecoveries, now);

    private static AttemptStart Attempt(string id, int position, string name, int count, int attempt) =>
        new(id, 1, position, name, count, attempt, 10 + attempt);
}
