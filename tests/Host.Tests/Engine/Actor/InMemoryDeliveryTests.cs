using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A timer or an event that reaches an instance whose code is still in memory, running another step, is handed to
/// that code: the wait ends at once and the workflow goes on without being replayed from its log.
/// </summary>
public sealed class InMemoryDeliveryTests
{
    [Fact]
    public async Task A_sleep_that_ends_while_another_step_runs_ends_at_once_and_the_code_is_not_replayed()
    {
        using var t = new TestEngine(typeof(BesideStep));
        var id = await t.CreateAsync("beside-step");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "nap"), "the sleep to be logged");

        t.Advance(TimeSpan.FromMinutes(1));
        // The step's body still runs: the sleep's end is written by the execution in memory, not by a later replay.
        await t.WaitForLogAsync(id, d => d.Steps.Single(s => s.Name == "nap").Finished == true, "the sleep to end");
        Assert.Equal("running", t.Describe(id).Status);

        probe.Open("body");
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("rested,slow,after", t.Describe(id).Output!.GetValue<string>());
        Assert.Equal(1, probe.Count("run"));
    }

    [Fact]
    public async Task An_event_that_arrives_while_another_step_runs_is_taken_without_replaying_the_code()
    {
        using var t = new TestEngine(typeof(BesideStep));
        var id = "beside-" + Guid.NewGuid().ToString("N")[..12];
        var probe = Probe.For(id);
        probe.Variant = 1;
        await t.CreateAsync("beside-step", id: id);
        await probe.WaitReachedAsync("body");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "go"), "the wait for the event to be logged");

        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"gina\"");
        await t.WaitForLogAsync(id, d => d.Steps.Single(s => s.Name == "go").Finished == true, "the event to be taken");
        probe.Open("body");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("gina,slow,after", t.Describe(id).Output!.GetValue<string>());
        Assert.Equal(1, probe.Count("run"));
    }
}
