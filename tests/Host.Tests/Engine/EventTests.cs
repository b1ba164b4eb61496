using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class EventTests
{
    [Fact]
    public async Task Events_sent_before_the_wait_are_kept_and_delivered_in_order()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = "early-" + Guid.NewGuid().ToString("n");
        await t.Engine.CreateAsync(TestEngine.Tenant, "approval", id, "60");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"alice\"");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"bob\"");

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal("alice,bob", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_sent_while_waiting_wakes_the_instance()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 60);
        await t.WaitForStatusAsync(id, "waiting");

        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"carol\"");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "second"), "the second wait");
        await t.WaitForStatusAsync(id, "waiting");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"dave\"");

        await t.WaitForStatusAsync(id, "complete");
        var described = t.Describe(id);
        Assert.Equal("carol,dave", described.Output!.GetValue<string>());
        var first = described.Steps.Single(s => s.Name == "first");
        Assert.Equal("waitForEvent", first.Type);
        Assert.True(first.Finished);
        Assert.Equal("carol", first.Output!.GetValue<string>());
    }

    [Fact]
    public async Task A_timed_out_waiter_does_not_take_a_later_event()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 5);
        await t.WaitForStatusAsync(id, "waiting");

        t.Advance(TimeSpan.FromMinutes(6));
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "late"), "the wait after the timeout");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"erin\"");

        await t.WaitForStatusAsync(id, "complete");
        var described = t.Describe(id);
        Assert.Equal("timed out, then erin", described.Output!.GetValue<string>());
        var first = described.Steps.Single(s => s.Name == "first");
        Assert.Null(first.Output);
        Assert.Equal("WorkflowTimeoutException", first.Error!.Name);
    }

    [Fact]
    public async Task An_event_arriving_after_the_timeout_passed_is_not_given_to_the_expired_wait()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 5);
        await t.WaitForStatusAsync(id, "waiting");

        // The host is down while the timeout passes (no timer fires); then the event comes first.
        t.Restart();
        t.Time.Advance(TimeSpan.FromMinutes(6));
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"frank\"");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("timed out, then frank", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task Events_to_unknown_or_finished_instances_are_refused()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");

        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.SendEventAsync(TestEngine.Tenant, "missing", "x", "1"));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => t.Engine.SendEventAsync(TestEngine.Tenant, id, "x", "1"));
        Assert.Contains("complete", conflict.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidRequestException>(() => t.Engine.SendEventAsync(TestEngine.Tenant, id, "bad type!", "1"));
        await Assert.ThrowsAsync<InvalidRequestException>(() => t.Engine.SendEventAsync(TestEngine.Tenant, id, "x", "{not json"));
    }
}
