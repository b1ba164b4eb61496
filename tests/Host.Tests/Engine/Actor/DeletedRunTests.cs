using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>A running instance that is deleted stops: its step's token fires and none of its code runs after.</summary>
public sealed class DeletedRunTests
{
    [Fact]
    public async Task Deleting_a_running_instance_cancels_its_step_and_nothing_after_it_runs()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");

        Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, id));

        await Eventually.Until(() => Probe.For(id).Count("cancelled"), n => n == 1, "the deleted instance's step to be cancelled");
        Probe.For(id).Open("body");
        await t.WaitUntilIdleAsync();
        Assert.Equal(0, Probe.For(id).Count("done"));
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, id));
    }
}
