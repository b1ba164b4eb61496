using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// An instance whose workflow code is gone when it starts (here recovered by the next node after its version lost
/// the workflow) errors with <c>WorkflowNotFound</c>, told once as a warning; it is not an engine fault, so nothing
/// logs a failed start and nothing tries it again.
/// </summary>
public sealed class UnresolvableStartTests
{
    [Fact]
    public async Task An_instance_recovered_without_its_code_errors_once_and_is_not_tried_again()
    {
        string? vanished = null;
        using var t = new TestEngine(new EngineOptions(), inner =>
        {
            var resolver = new VanishingResolver(inner);
            if (vanished is not null)
            {
                resolver.Vanish(vanished);
            }

            return resolver;
        }, typeof(Solo));
        var id = await t.CreateAsync("solo");
        await Probe.For(id).WaitReachedAsync("body");

        vanished = "solo";
        t.Restart();
        await t.WaitForStatusAsync(id, "errored");
        await t.AdvanceAndSettleAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("WorkflowNotFound", t.Describe(id).Error!.Name);
        var logged = Assert.Single(t.Logs.Entries, e => e.EventId == EventIds.InstanceErrored);
        Assert.Contains($"Instance {id} of tenant t1 errored: WorkflowNotFound: ", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(t.Logs.Entries, e => e.EventId == EventIds.InstanceStartFailed);
        Assert.Equal(1, Probe.For(id).Count("run"));
    }
}
