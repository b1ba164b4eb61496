using Skein.Host.Engine;
using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>What the end of a run records: the error and its tenant frames, the host's log line; what its start is given.</summary>
public sealed class RunEndTests
{
    [Fact]
    public async Task A_step_error_the_host_raised_has_no_tenant_stack_and_one_the_workflow_threw_has_its_frames()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 4096 }, typeof(Big), typeof(Flaky));
        var big = await t.CreateAsync("big", -5000);
        var flaky = await Flaky.StartAsync(t, "thrown", failures: 1, new RetryParams(0, 0, Backoff.Constant));

        await t.WaitForStatusAsync(big, "complete");
        await t.WaitForStatusAsync(flaky, "errored");

        var tooLarge = Assert.Single(t.Describe(big).Steps.Single(s => s.Name == "huge").Attempts!).Error!;
        Assert.Contains("the limit is 4096", tooLarge.Message, StringComparison.Ordinal);
        Assert.Null(tooLarge.Stack);
        var thrown = Assert.Single(t.Describe(flaky).Steps.Single().Attempts!).Error!;
        Assert.Equal("InvalidOperationException", thrown.Name);
        Assert.Contains(thrown.Stack!, frame => frame.Contains(nameof(Flaky), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_errored_instance_is_logged_with_its_error()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "logged", failures: 1, new RetryParams(0, 0, Backoff.Constant));

        await t.WaitForStatusAsync(id, "errored");
        // The line follows the status notification.
        await Eventually.Until(() => t.Logs.Entries.Any(e => e.EventId == EventIds.InstanceErrored), seen => seen, "the errored line");

        var logged = Assert.Single(t.Logs.Entries, e => e.EventId == EventIds.InstanceErrored);
        Assert.Equal($"Instance {id} of tenant t1 errored: InvalidOperationException: boom 1", logged.Message);
    }

    [Fact]
    public async Task A_workflow_started_by_an_http_trigger_is_given_the_request()
    {
        using var t = new TestEngine(typeof(Triggered));
        var request = new HttpTriggerRequest("POST", "orders/42", new Dictionary<string, string> { ["id"] = "42" },
            new Dictionary<string, string>(), new Dictionary<string, string>());

        var created = await t.Engine.CreateAsync(TestEngine.Tenant, "triggered", null, "null", request);

        await t.WaitForStatusAsync(created.Id, "complete");
        Assert.Equal("POST orders/42 42", t.Describe(created.Id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task A_step_failure_the_workflow_throws_itself_without_an_error_name_is_recorded_under_its_type()
    {
        using var t = new TestEngine(typeof(OwnStepFailure));
        var id = await t.CreateAsync("own-step-failure");

        await t.WaitForStatusAsync(id, "errored");

        var error = t.Describe(id).Error!;
        Assert.Equal("StepFailedException", error.Name);
        Assert.Equal("gave up on the order", error.Message);
    }

    [Fact]
    public async Task An_engine_fault_at_the_end_of_a_run_is_logged_as_an_error_naming_the_instance()
    {
        using var t = new TestEngine(typeof(FragileOutputWorkflow));
        var id = "fault-" + Guid.NewGuid().ToString("n");
        Probe.For(id).FailuresLeft[FragileOutput.Failure] = 1;
        await t.CreateAsync("fragile-output", id: id);

        await Eventually.Until(() => Probe.For(id).Count("run"), n => n == 1, "the workflow to run once");
        await t.WaitUntilIdleAsync();

        var logged = Assert.Single(t.Logs.Entries, e => e.EventId == EventIds.InstanceExecutionFailed);
        Assert.Equal($"Instance {id} of tenant t1 failed in the engine; it will be retried", logged.Message);
        Assert.Equal("running", t.Describe(id).Status);
    }
}
