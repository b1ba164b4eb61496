using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>An event's payload is checked before it is kept: its size against the tenant's limit, then that it is JSON.</summary>
public sealed class EventRequestTests
{
    [Fact]
    public async Task An_event_without_a_payload_is_delivered_as_null()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 60);

        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", null);
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "  ");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(",", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task A_payload_of_exactly_the_limit_is_delivered_and_one_byte_more_is_refused_naming_the_limit()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 1024 }, typeof(Approval));
        var id = await t.CreateAsync("approval", 60);
        var atLimit = $"\"{new string('a', 1022)}\"";

        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", atLimit);
        var refused = await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", " " + atLimit));

        Assert.Equal("The event payload is larger than the tenant's limit of 1024 bytes.", refused.Message);
        var described = await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "first" && s.Finished == true), "the first wait to take the event");
        Assert.Equal(new string('a', 1022), described.Steps.Single(s => s.Name == "first").Output!.GetValue<string>());
    }

    [Fact]
    public async Task A_payload_that_is_not_json_is_refused_saying_so()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 60);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "{not json"));

        Assert.StartsWith("The event payload is not valid JSON: ", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Message.Length > "The event payload is not valid JSON: ".Length);
    }

    [Fact]
    public async Task An_event_for_an_unknown_instance_names_the_id()
    {
        using var t = new TestEngine(typeof(Approval));

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.SendEventAsync(TestEngine.Tenant, "missing", "approval", "1"));

        Assert.Equal("Instance 'missing' does not exist.", refused.Message);
    }

    [Fact]
    public async Task An_event_sent_on_a_runtime_stopped_for_a_restore_is_told_to_retry()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 60);
        var stopped = t.Runtimes.Runtime(TestEngine.Tenant);
        t.Runtimes.QuiesceTenant(TestEngine.Tenant);

        await Assert.ThrowsAsync<TenantUnavailableException>(() => t.Engine.SendEventAsync(stopped, id, "approval", "\"late\""));
        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }
}
