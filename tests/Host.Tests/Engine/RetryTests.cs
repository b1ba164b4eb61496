using Skein.Host.Engine;
using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class RetryTests
{
    [Theory]
    [InlineData(Backoff.Constant, new[] { 1000, 1000, 1000 })]
    [InlineData(Backoff.Linear, new[] { 1000, 2000, 3000 })]
    [InlineData(Backoff.Exponential, new[] { 1000, 2000, 4000 })]
    public async Task Limit_three_runs_four_attempts_with_the_backoff_delays(Backoff backoff, int[] delays)
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "retry", failures: 10, new RetryParams(3, 1000, backoff));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await WaitForAttemptsAsync(t, id, attempt);
            t.Advance(TimeSpan.FromMilliseconds(delays[attempt - 1]));
        }

        await t.WaitForStatusAsync(id, "errored");
        var step = Assert.Single(t.Describe(id).Steps);
        Assert.Equal(4, step.Attempts!.Count);
        Assert.All(step.Attempts, a => Assert.False(a.Success));
        var gaps = step.Attempts.Zip(step.Attempts.Skip(1), (a, b) => (int)(b.Start - a.End).TotalMilliseconds);
        Assert.Equal(delays, gaps);
        Assert.Equal(["call#1", "call#2", "call#3", "call#4"], Probe.For(id).Effects.Where(e => e.StartsWith("call#", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_attempt_sees_the_same_idempotency_key()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "key", failures: 1, new RetryParams(3, 0, Backoff.Constant));

        await t.WaitForStatusAsync(id, "complete");

        var keys = Probe.For(id).Effects.Where(e => e.StartsWith("key ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal($"key {id}/call/1", Assert.Single(keys.Distinct()));
    }

    [Fact]
    public async Task A_step_that_succeeds_on_a_retry_completes_with_every_attempt_logged()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "recover", failures: 2, new RetryParams(5, 0, Backoff.Constant));

        await t.WaitForStatusAsync(id, "complete");

        var attempts = Assert.Single(t.Describe(id).Steps).Attempts!;
        Assert.Equal([false, false, true], attempts.Select(a => a.Success));
        Assert.Equal("InvalidOperationException", attempts[0].Error!.Name);
        Assert.Equal("boom 1", attempts[0].Error!.Message);
    }

    [Fact]
    public async Task NonRetryableException_stops_retries_at_once()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "nonretry", failures: 10, new RetryParams(5, 1000, Backoff.Constant, NonRetryable: true));

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Single(Assert.Single(described.Steps).Attempts!);
        Assert.Equal("NonRetryableException", described.Error!.Name);
        Assert.Equal("card declined", described.Error.Message);
    }

    [Fact]
    public async Task A_caught_step_failure_lets_the_workflow_go_on()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "caught", failures: 10, new RetryParams(0, 0, Backoff.Constant, Catch: true));

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal("caught InvalidOperationException: boom 1", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task An_uncaught_step_failure_errors_the_instance_with_the_errors_name_and_message()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "uncaught", failures: 10, new RetryParams(1, 0, Backoff.Constant));

        await t.WaitForStatusAsync(id, "errored");

        var error = t.Describe(id).Error!;
        Assert.Equal("InvalidOperationException", error.Name);
        Assert.Equal("boom 2", error.Message);
    }

    [Fact]
    public async Task A_timeout_the_body_throws_itself_is_an_ordinary_failure_with_its_own_message()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "own-timeout", failures: 1, new RetryParams(3, 0, Backoff.Constant, OwnTimeout: true));

        await t.WaitForStatusAsync(id, "complete");

        // Not the step's deadline: the attempt keeps the body's message, and the retry runs as for any failure.
        var attempts = Assert.Single(t.Describe(id).Steps).Attempts!;
        Assert.Equal([false, true], attempts.Select(a => a.Success));
        Assert.Equal(("TimeoutException", "the gateway did not answer 1"), (attempts[0].Error!.Name, attempts[0].Error!.Message));
    }

    [Fact]
    public async Task An_attempt_that_exceeds_its_timeout_fails_and_its_token_is_cancelled()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");

        // The default policy retries; a timeout is advanced until the first attempt has failed.
        await Eventually.Until(() =>
        {
            t.Advance(TimeSpan.FromMinutes(1));
            return t.Describe(id).Steps.FirstOrDefault()?.Attempts?.Count >= 1;
        }, "the first attempt to time out");

        var attempt = t.Describe(id).Steps[0].Attempts![0];
        Assert.False(attempt.Success);
        Assert.Equal("TimeoutException", attempt.Error!.Name);
        Assert.Contains("timeout of 00:10:00", attempt.Error.Message, StringComparison.Ordinal);
        await Eventually.Until(() => Probe.For(id).Count("cancelled") == 1, "the attempt's token to be cancelled");
    }

    private static Task WaitForAttemptsAsync(TestEngine t, string id, int count) =>
        t.WaitForLogAsync(id, d => d.Steps.Count == 1 && d.Steps[0].Attempts!.Count == count, $"{count} attempts");
}
