namespace Skein.TenantSdk.Testing.Tests;

/// <summary>The test kit's API, in-process on the real engine.</summary>
public sealed class WorkflowTestHostTests
{
    [Fact]
    public async Task A_mocked_step_returns_the_mock_and_the_log_keeps_it()
    {
        await using var kit = new WorkflowTestHost(KitWorkflows.Types);
        kit.MockStep("twice", 1000);

        var id = await kit.StartAsync("parent", 21);
        var done = await kit.WaitForStatusAsync(id, "complete");

        Assert.Equal("1001", done.Output?.GetRawText());
        Assert.Equal("1000", done.Steps[0].Output?.GetRawText());
    }

    [Fact]
    public async Task A_failed_step_is_retried_by_its_policy_and_each_attempt_is_described()
    {
        await using var kit = new WorkflowTestHost(new WorkflowTestHostOptions { SkipDelays = true }, KitWorkflows.Types);
        kit.FailStep("flaky", times: 2);

        var id = await kit.StartAsync("retry", new { fails = 0 });
        var done = await kit.WaitForStatusAsync(id, "complete");

        Assert.Equal("3", done.Output?.GetRawText());
        Assert.Equal([false, false, true], done.Steps[0].Attempts!.Select(a => a.Success));
        Assert.Equal(nameof(StepMockException), done.Steps[0].Attempts![0].Error!.Name);
    }

    [Fact]
    public async Task Without_skipping_a_sleep_waits_for_the_fake_clock()
    {
        await using var kit = new WorkflowTestHost(KitWorkflows.Types);
        var id = await kit.StartAsync("sleeper", null);
        await kit.WaitForStatusAsync(id, "waiting");

        await kit.AdvanceAsync(TimeSpan.FromMilliseconds(299));
        Assert.Equal("waiting", (await kit.DescribeAsync(id)).Status);
        await kit.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        var done = await kit.WaitForStatusAsync(id, "complete");

        Assert.Equal("\"woke\"", done.Output?.GetRawText());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 300, TimeSpan.Zero), done.EndedAt);
    }

    [Fact]
    public async Task An_event_ends_a_wait_and_its_payload_is_the_result()
    {
        await using var kit = new WorkflowTestHost(new WorkflowTestHostOptions { SkipDelays = true }, KitWorkflows.Types);
        var id = await kit.StartAsync("approval", "7");
        await kit.WaitForStatusAsync(id, "waiting");

        await kit.SendEventAsync(id, "approve", true);
        var done = await kit.WaitForStatusAsync(id, "complete");

        Assert.Equal("\"q-7 shipped\"", done.Output?.GetRawText());
        Assert.Equal(("waitForEvent", true, "true"), (done.Steps[2].Type, done.Steps[2].Finished, done.Steps[2].Output?.GetRawText()));
    }

    [Fact]
    public async Task An_event_wait_times_out_only_when_the_test_advances_past_its_timeout()
    {
        await using var kit = new WorkflowTestHost(new WorkflowTestHostOptions { SkipDelays = true }, KitWorkflows.Types);
        var id = await kit.StartAsync("waiter", null);
        await kit.WaitForStatusAsync(id, "waiting");
        await kit.WaitUntilIdleAsync();
        Assert.Equal("waiting", (await kit.DescribeAsync(id)).Status);

        await kit.AdvanceAsync(TimeSpan.FromSeconds(1));
        var done = await kit.WaitForStatusAsync(id, "complete");

        Assert.Equal("\"timed out\"", done.Output?.GetRawText());
    }

    [Fact]
    public async Task StartAsync_by_type_starts_the_workflow_its_attribute_names()
    {
        await using var kit = new WorkflowTestHost(KitWorkflows.Types);
        var child = KitWorkflows.Types.Single(t => t.Name == "ChildWorkflow");
        var start = typeof(WorkflowTestHost).GetMethods().Single(m => m.Name == nameof(WorkflowTestHost.StartAsync) && m.IsGenericMethod)
            .MakeGenericMethod(child);

        var id = await (Task<string>)start.Invoke(kit, [5, "c-1"])!;
        var done = await kit.WaitForStatusAsync(id, "complete");

        Assert.Equal(("c-1", "child", "10"), (done.Id, done.Workflow, done.Output?.GetRawText()));
    }

    [Fact]
    public async Task Describing_an_unknown_instance_says_so()
    {
        await using var kit = new WorkflowTestHost(KitWorkflows.Types);

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => kit.DescribeAsync("nobody"));

        Assert.Contains("nobody", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_folder_is_deleted_on_dispose()
    {
        var kit = new WorkflowTestHost(KitWorkflows.Types);
        var id = await kit.StartAsync("child", 1);
        await kit.WaitForStatusAsync(id, "complete");
        Assert.True(Directory.Exists(kit.DataDir));

        await kit.DisposeAsync();

        Assert.False(Directory.Exists(kit.DataDir));
    }
}
