using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// What a control message that does not fit the instance answers: the message a person reads names the instance,
/// the operation and the reason, and nothing changes.
/// </summary>
public sealed class ControlRefusalTests
{
    [Fact]
    public async Task Control_messages_for_a_finished_instance_are_refused_naming_the_operation_and_its_status()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps", id: "done-1");
        await t.WaitForStatusAsync(id, "complete");

        var pause = await Assert.ThrowsAsync<ConflictException>(() => t.Engine.PauseAsync(TestEngine.Tenant, id));
        var resume = await Assert.ThrowsAsync<ConflictException>(() => t.Engine.ResumeAsync(TestEngine.Tenant, id));
        var terminate = await Assert.ThrowsAsync<ConflictException>(() => t.Engine.TerminateAsync(TestEngine.Tenant, id));

        Assert.Equal("Cannot pause instance 'done-1': it is complete.", pause.Message);
        Assert.Equal("Cannot resume instance 'done-1': it is complete.", resume.Message);
        Assert.Equal("Cannot terminate instance 'done-1': it is complete.", terminate.Message);
        Assert.Equal(InstanceStatus.Complete, pause.Status);
        Assert.Equal("complete", t.Describe(id).Status);
    }

    [Fact]
    public async Task Control_messages_for_an_instance_that_does_not_exist_are_refused_with_its_id()
    {
        using var t = new TestEngine(typeof(ThreeSteps));

        var pause = await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.PauseAsync(TestEngine.Tenant, "nobody"));
        var terminate = await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.TerminateAsync(TestEngine.Tenant, "nobody", rollback: true));
        var restart = await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.RestartAsync(TestEngine.Tenant, "nobody"));

        Assert.Equal("Instance 'nobody' does not exist.", pause.Message);
        Assert.Equal("Instance 'nobody' does not exist.", terminate.Message);
        Assert.Equal("Instance 'nobody' does not exist.", restart.Message);
        Assert.False(await t.Engine.DeleteAsync(TestEngine.Tenant, "nobody"));
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, "nobody"));
    }

    [Fact]
    public async Task Restart_from_a_step_not_in_the_log_is_refused_listing_the_logged_steps()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps", id: "three-1");
        await t.WaitForStatusAsync(id, "complete");

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => t.Engine.RestartAsync(TestEngine.Tenant, id, "b", 2));

        Assert.Equal("Instance 'three-1' has no step \"b\" #2 in its log; logged steps: \"a\" #1, \"b\" #1, \"c\" #1.", refused.Message);
        Assert.Equal("complete", t.Describe(id).Status);
    }

    [Fact]
    public async Task An_instance_whose_workflow_is_gone_from_its_version_errors_with_a_message_naming_it()
    {
        using var dir = new TempDataDir();
        string id;
        using (var before = TestEngine.Over(dir, typeof(Sleeper)))
        {
            id = await before.CreateAsync("sleeper", 5);
            await before.WaitForStatusAsync(id, "waiting");
        }

        // The version the instance was created on no longer has the workflow (the host now resolves other types).
        using var after = TestEngine.Over(dir, typeof(ThreeSteps));
        after.Advance(TimeSpan.FromMinutes(10));
        await after.WaitForStatusAsync(id, "errored");

        var error = after.Describe(id).Error!;
        Assert.Equal("WorkflowNotFound", error.Name);
        Assert.Equal("Version 1 of tenant 't1' has no workflow \"sleeper\"; the instance cannot run.", error.Message);
    }
}
