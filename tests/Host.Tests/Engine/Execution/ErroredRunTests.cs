using Skein.Host.Engine;
using Skein.Host.Tests.Telemetry;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>
/// How a run that errors ends: its completed steps' rollbacks run when the workflow's own result is refused, and not
/// when the code no longer matches the log (handlers of changed code must not undo what the old code did); its span
/// says why.
/// </summary>
public sealed class ErroredRunTests
{
    [Fact]
    public async Task An_output_over_the_limit_errors_the_instance_after_its_completed_steps_are_rolled_back()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 1024 }, typeof(UndoableEnds));
        var id = $"big-{Guid.NewGuid():n}";
        Probe.For(id).Variant = 3;
        await t.CreateAsync("undoable-ends", 0, id);

        await t.WaitForStatusAsync(id, "errored");

        Assert.Equal("PayloadTooLargeException", t.Describe(id).Error!.Name);
        Assert.Equal(1, Probe.For(id).Count("undo reserve"));
    }

    [Theory]
    [InlineData(1, "the end of the workflow")]
    [InlineData(2, "the continue-as-new that ended the run")]
    public async Task Changed_code_that_leaves_logged_calls_unclaimed_errors_without_running_rollbacks(int variant, string asked)
    {
        using var t = new TestEngine(typeof(UndoableEnds));
        var id = await t.CreateAsync("undoable-ends", 0);
        await t.WaitForStatusAsync(id, "waiting");

        Probe.For(id).Variant = variant;
        t.Restart(TimeSpan.FromMinutes(1));
        await t.WaitForStatusAsync(id, "errored");

        var error = t.Describe(id).Error!;
        Assert.Equal("NonDeterminismException", error.Name);
        Assert.Contains($"the log holds sleep \"nap\" #1, but the workflow asked for {asked}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Probe.For(id).Count("undo reserve"));
    }

    [Fact]
    public async Task A_workflow_whose_constructor_throws_when_its_run_starts_errors_the_instance_with_that_error()
    {
        using var t = new TestEngine(typeof(ThrowingConstructor));
        ThrowingConstructor.Throws = true;
        try
        {
            var id = await t.CreateAsync("throwing-constructor", 1);

            await t.WaitForStatusAsync(id, "errored");

            var error = t.Describe(id).Error!;
            Assert.Equal(("InvalidOperationException", "the workflow's configuration is missing"), (error.Name, error.Message));
        }
        finally
        {
            ThrowingConstructor.Throws = false;
        }
    }

    [Fact]
    public async Task An_errored_run_s_span_carries_the_error_name_and_message()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "span", failures: 1, new RetryParams(0, 0, Skein.TenantSdk.Backoff.Constant));

        await t.WaitForStatusAsync(id, "errored");
        await Eventually.Until(() => spans.Runs(id).Count == 1, "the run span to end");

        var run = spans.Runs(id)[0];
        Assert.Equal(("errored", "InvalidOperationException: boom 1"), ((string?)run.GetTagItem(Skein.Host.Telemetry.SkeinAttributes.RunEnd), run.StatusDescription));
    }
}
