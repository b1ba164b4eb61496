using System.Diagnostics;
using Skein.Host.Telemetry;
using Skein.Host.Tests.Engine;
using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Telemetry;

public sealed class SpanTests
{
    [Fact]
    public async Task A_step_retried_twice_gives_three_attempt_spans_under_one_run_span()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "traced-retry", failures: 2, new RetryParams(5, 0, Backoff.Constant));

        await t.WaitForStatusAsync(id, "complete");
        await Eventually.Until(() => spans.Runs(id).Count == 1, "the run span ended");

        var run = Assert.Single(spans.Runs(id));
        Assert.Equal("complete", run.GetTagItem(SkeinAttributes.RunEnd));
        Assert.Equal(TestEngine.Tenant, run.GetTagItem(SkeinAttributes.Tenant));
        Assert.Equal("flaky", run.GetTagItem(SkeinAttributes.Workflow));
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        var attempts = spans.Attempts(id);
        Assert.Equal([1, 2, 3], attempts.Select(a => (int)a.GetTagItem(SkeinAttributes.Attempt)!));
        Assert.Equal(["retry", "retry", "success"], attempts.Select(a => (string)a.GetTagItem(SkeinAttributes.Outcome)!));
        Assert.Equal([ActivityStatusCode.Error, ActivityStatusCode.Error, ActivityStatusCode.Unset], attempts.Select(a => a.Status));
        Assert.Equal(["InvalidOperationException: boom 1", "InvalidOperationException: boom 2", null], attempts.Select(a => a.StatusDescription));
        Assert.All(attempts, a =>
        {
            Assert.Equal("call", a.GetTagItem(SkeinAttributes.Step));
            Assert.Equal(1, a.GetTagItem(SkeinAttributes.StepCount));
            Assert.Equal(TestEngine.Tenant, a.GetTagItem(SkeinAttributes.Tenant));
            Assert.Equal(run.SpanId, a.ParentSpanId);
            Assert.Equal(run.TraceId, a.TraceId);
        });
        Assert.Equal("boom 1", Assert.Single(attempts[0].Events, e => e.Name == "exception").Tags
            .Single(tag => tag.Key == "exception.message").Value);
    }

    [Fact]
    public async Task A_sleep_and_the_wake_up_are_events_of_the_runs_and_every_run_is_in_the_instance_trace()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Sleeper));
        var id = "traced-sleep-" + Guid.NewGuid().ToString("n");
        await t.CreateAsync("sleeper", 5, id);
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "nap"), "the sleep is logged");
        await t.WaitUntilIdleAsync();

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5));
        await t.WaitForStatusAsync(id, "complete");
        await Eventually.Until(() => spans.Runs(id).Any(r => Equals(r.GetTagItem(SkeinAttributes.RunEnd), "complete")), "the last run span ended");

        var runs = spans.Runs(id);
        var sleep = Assert.Single(runs.SelectMany(r => r.Events), e => e.Name == "skein.sleep");
        Assert.Equal("nap", sleep.Tags.Single(tag => tag.Key == SkeinAttributes.Step).Value);
        Assert.Equal("2026-01-01T00:05:00.0000000+00:00", sleep.Tags.Single(tag => tag.Key == SkeinAttributes.WakeAt).Value);
        var wake = Assert.Single(runs.SelectMany(r => r.Events), e => e.Name == "skein.wake");
        Assert.Equal("nap", wake.Tags.Single(tag => tag.Key == SkeinAttributes.Step).Value);
        Assert.Single(runs.Select(r => r.TraceId).Distinct());
        Assert.Single(runs.Select(r => r.ParentSpanId).Distinct());
    }

    [Fact]
    public async Task An_errored_instance_has_its_run_span_in_error_with_the_exception()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "traced-error", failures: 1, new RetryParams(3, 0, Backoff.Constant) { NonRetryable = true });

        await t.WaitForStatusAsync(id, "errored");
        await Eventually.Until(() => spans.Runs(id).Count == 1, "the run span ended");

        var run = Assert.Single(spans.Runs(id));
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Equal("errored", run.GetTagItem(SkeinAttributes.RunEnd));
        Assert.Contains(run.Events, e => e.Name == "exception");
        var attempt = Assert.Single(spans.Attempts(id));
        Assert.Equal("failure", attempt.GetTagItem(SkeinAttributes.Outcome));
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        Assert.Equal("NonRetryableException: card declined", attempt.StatusDescription);
    }

    [Fact]
    public async Task An_attempt_a_terminate_cancelled_ends_its_span_as_cancelled()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Gated));
        var id = "traced-terminate-" + Guid.NewGuid().ToString("n");
        await t.CreateAsync("gated", null, id);
        await Probe.For(id).WaitReachedAsync("body");

        await t.Engine.TerminateAsync(TestEngine.Tenant, id);

        var attempt = await Eventually.Until(() => spans.Attempts(id), a => a.Count == 1, "the attempt span ended");
        Assert.Equal("cancelled", attempt[0].GetTagItem(SkeinAttributes.Outcome));
        Assert.Equal(ActivityStatusCode.Unset, attempt[0].Status);
    }

    [Fact]
    public async Task The_describe_shows_the_trace_id_of_the_runs_under_the_span_that_created_the_instance()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(ThreeSteps));
        using var source = new ActivitySource(RecordedSpans.TestSource);
        var id = "traced-create-" + Guid.NewGuid().ToString("n");
        ActivityTraceId requestTrace;
        ActivitySpanId requestSpan;
        using (var request = source.StartActivity("POST instances"))
        {
            requestTrace = request!.TraceId;
            requestSpan = request.SpanId;
            await t.CreateAsync("three-steps", null, id);
        }

        await t.WaitForStatusAsync(id, "complete");
        await Eventually.Until(() => spans.Runs(id).Count == 1, "the run span ended");

        var run = Assert.Single(spans.Runs(id));
        Assert.Equal(requestTrace, run.TraceId);
        Assert.Equal(requestSpan, run.ParentSpanId);
        Assert.Equal(requestTrace.ToHexString(), t.Describe(id).TraceId);
        Assert.Equal(3, spans.Attempts(id).Count);
    }

    [Fact]
    public async Task An_instance_created_outside_any_span_still_has_a_trace_id_its_runs_share()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = "traced-fresh-" + Guid.NewGuid().ToString("n");
        Activity.Current = null;
        await t.CreateAsync("three-steps", null, id);

        await t.WaitForStatusAsync(id, "complete");
        await Eventually.Until(() => spans.Runs(id).Count == 1, "the run span ended");

        var traceId = t.Describe(id).TraceId;
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Equal(traceId, Assert.Single(spans.Runs(id)).TraceId.ToHexString());
    }
}
