using Skein.Host.Engine.Replay;
using Skein.Host.Storage;
using static Skein.Host.Tests.Engine.Replay.LoggedRows;

namespace Skein.Host.Tests.Engine.Replay;

/// <summary>
/// The log plus the workflow's next call gives one decision, without I/O: these are the matching rules of replay,
/// each with the exact decision expected.
/// </summary>
public sealed class ReplayMatcherTests
{
    [Fact]
    public void An_empty_log_starts_every_call_at_the_next_position()
    {
        var matcher = new ReplayMatcher([]);

        var first = matcher.Step("charge", retryLimit: 3);
        var second = matcher.Step("charge", retryLimit: 3);

        Assert.Equal(new ReplayDecision(ReplayAction.Start, 1), first);
        Assert.Equal(new ReplayDecision(ReplayAction.Start, 2), second);
        Assert.Equal(0, matcher.TakePosition());
        Assert.Equal(1, matcher.TakePosition());
    }

    [Fact]
    public void A_completed_step_returns_its_logged_result_and_replay_catches_up()
    {
        var row = Step(0, "charge", StepStatus.Complete, output: "42");
        var matcher = new ReplayMatcher([row]);

        var decision = matcher.Step("charge", retryLimit: 3);

        Assert.Equal(new ReplayDecision(ReplayAction.ReturnLogged, 1, row, CaughtUp: true), decision);
        Assert.True(matcher.CaughtUp);
        Assert.Equal(0, matcher.Held);
        Assert.Equal(1, matcher.TakePosition());
    }

    [Fact]
    public void An_errored_step_throws_its_logged_error()
    {
        var row = Step(0, "charge", StepStatus.Errored);
        var matcher = new ReplayMatcher([row]);

        Assert.Equal(ReplayAction.ThrowLogged, matcher.Step("charge", retryLimit: 3).Action);
    }

    [Fact]
    public void A_step_between_attempts_continues_with_the_next_attempt()
    {
        var row = Step(0, "charge", StepStatus.Retrying, attempts: 2, wakeAt: 7_000);
        var matcher = new ReplayMatcher([row]);

        var decision = matcher.Step("charge", retryLimit: 3);

        Assert.Equal(ReplayAction.ContinueAttempts, decision.Action);
        Assert.Equal(3, decision.NextAttempt);
    }

    [Fact]
    public void A_step_whose_attempts_reach_its_retry_limit_fails_without_running()
    {
        var row = Step(0, "charge", StepStatus.Retrying, attempts: 4);
        var matcher = new ReplayMatcher([row]);

        Assert.Equal(ReplayAction.FailExhausted, matcher.Step("charge", retryLimit: 3).Action);
    }

    [Fact]
    public void A_sleep_that_ended_returns_and_one_still_open_is_awaited()
    {
        var over = Sleep(0, "nap", StepStatus.Complete);
        var open = Sleep(1, "rest", StepStatus.Waiting);
        var matcher = new ReplayMatcher([over, open]);

        Assert.Equal(new ReplayDecision(ReplayAction.ReturnLogged, 1, over), matcher.Sleep("nap"));
        Assert.Equal(new ReplayDecision(ReplayAction.AwaitLogged, 1, open, CaughtUp: true), matcher.Sleep("rest"));
    }

    [Fact]
    public void An_event_wait_returns_its_payload_throws_its_timeout_or_is_awaited()
    {
        var matcher = new ReplayMatcher([
            Wait(0, "approve", StepStatus.Complete, "\"yes\""),
            Wait(1, "confirm", StepStatus.TimedOut),
            Wait(2, "ship", StepStatus.Waiting)]);

        Assert.Equal(ReplayAction.ReturnLogged, matcher.WaitForEvent("approve").Action);
        Assert.Equal(ReplayAction.ThrowLogged, matcher.WaitForEvent("confirm").Action);
        Assert.Equal(ReplayAction.AwaitLogged, matcher.WaitForEvent("ship").Action);
    }

    [Fact]
    public void A_new_call_before_replay_caught_up_is_deferred()
    {
        var matcher = new ReplayMatcher([Step(0, "a", StepStatus.Complete), Step(1, "b", StepStatus.Complete)]);

        Assert.Equal(new ReplayDecision(ReplayAction.Defer, 1), matcher.Step("new", retryLimit: 3));
        Assert.False(matcher.CaughtUp);
    }

    [Fact]
    public void A_logged_entry_of_another_kind_is_a_mismatch_naming_both()
    {
        var matcher = new ReplayMatcher([Step(0, "charge", StepStatus.Complete)]);

        var decision = matcher.Sleep("charge");

        Assert.Equal(ReplayAction.Mismatch, decision.Action);
        Assert.Equal(0, decision.Error!.Position);
        Assert.Equal("step \"charge\" #1", decision.Error.Logged);
        Assert.Equal("sleep \"charge\" #1", decision.Error.Requested);
    }

    [Fact]
    public void Blocking_on_new_steps_with_logged_entries_unclaimed_names_the_first_unclaimed_position()
    {
        var matcher = new ReplayMatcher([Step(0, "a", StepStatus.Complete), Step(1, "b", StepStatus.Complete), Step(2, "c", StepStatus.Complete)]);
        matcher.Step("a", retryLimit: 3);

        var error = matcher.Unclaimed("step \"renamed\" #1");

        Assert.NotNull(error);
        Assert.Equal(1, error.Position);
        Assert.Equal("step \"b\" #1", error.Logged);
        Assert.Equal("step \"renamed\" #1", error.Requested);
    }

    [Fact]
    public void Once_every_entry_was_claimed_nothing_is_unclaimed()
    {
        var matcher = new ReplayMatcher([Step(0, "a", StepStatus.Complete)]);
        matcher.Step("a", retryLimit: 3);

        Assert.Null(matcher.Unclaimed("the end of the workflow"));
    }

    [Fact]
    public void Occurrences_of_a_name_are_counted_so_a_loop_matches_its_logged_iterations_in_order()
    {
        var first = Step(0, "poll", StepStatus.Complete, count: 1, output: "1");
        var second = Step(1, "poll", StepStatus.Complete, count: 2, output: "2");
        var matcher = new ReplayMatcher([second, first]);

        Assert.Same(first, matcher.Step("poll", retryLimit: 3).Logged);
        Assert.Same(second, matcher.Step("poll", retryLimit: 3).Logged);
        Assert.Equal(new ReplayDecision(ReplayAction.Start, 3), matcher.Step("poll", retryLimit: 3));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_name_is_refused(string? name) =>
        Assert.Throws<ArgumentException>(() => new ReplayMatcher([]).Step(name!, retryLimit: 3));

    [Fact]
    public void A_name_over_the_limit_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ReplayMatcher([]).Sleep(new string('x', ReplayMatcher.MaxNameLength + 1)));
}
