using System.Diagnostics;
using Skein.Host.Engine;
using Skein.Host.Telemetry;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// The stop of an instance runs in the background when its tenant stops; if it fails (here a tracing listener
/// throws as the run's span closes), the failure is logged (event 9351, naming the work, the instance and the
/// tenant) although the tenant has stopped, and the next incarnation runs the instance to its end.
/// </summary>
public sealed class BackgroundFailureTests
{
    [Fact]
    public async Task A_stop_that_fails_is_logged_after_the_tenant_stopped_and_the_instance_still_completes()
    {
        var id = "stop-fails-" + Guid.NewGuid().ToString("N")[..12];
        var thrown = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SkeinTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == RunTrace.RunSpan && Equals(activity.GetTagItem(SkeinAttributes.InstanceId), id)
                    && Interlocked.Exchange(ref thrown, 1) == 0)
                {
                    throw new InvalidOperationException("the span exporter failed");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var t = new TestEngine(typeof(Gated));
        await t.CreateAsync("gated", id: id);
        await Probe.For(id).WaitReachedAsync("body");

        t.Restart();

        var logged = await Eventually.Until(() => t.Logs.Entries.FirstOrDefault(e => e.EventId == EventIds.InstanceBackgroundWorkFailed),
            e => e is not null, "the failed stop to be logged");
        Assert.Equal($"Background work (stop) of instance {id} of tenant t1 failed", logged!.Message);
        Assert.Equal("the span exporter failed", logged.Exception!.Message);

        Probe.For(id).Open("body");
        await t.WaitForStatusAsync(id, "complete");
    }
}
