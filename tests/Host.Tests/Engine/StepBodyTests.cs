using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Step bodies run on the thread pool, apart from the instances' schedulers: a body that ends at once hands its
/// instance the thread it ran on, yet a body that blocks its thread still times out on time and holds up no other
/// instance of its tenant.
/// </summary>
public sealed class StepBodyTests
{
    [Fact]
    public Task A_body_that_blocks_its_thread_times_out_exactly_on_time() =>
        TimeoutAndRetryLimitTests.TimesOutExactlyOnTimeAsync(typeof(BlockingStepTimeout), "blocking-step-timeout", TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_body_that_blocks_its_thread_holds_up_no_other_instance_of_the_tenant()
    {
        using var t = new TestEngine(typeof(BlockingBody), typeof(QuickSteps));
        var blocked = "blocked-" + Guid.NewGuid().ToString("n");
        try
        {
            // Created together, so the blocked instance's writes share batches with the others'.
            var others = new List<Task<string>>();
            var blockedCreate = t.CreateAsync("blocking-body", null, blocked);
            for (var i = 0; i < 20; i++)
            {
                others.Add(t.CreateAsync("quick-steps", 5));
            }

            await blockedCreate;
            foreach (var other in others)
            {
                var otherId = await other;
                await t.WaitForStatusAsync(otherId, "complete");
                Assert.Equal(0 + 1 + 2 + 3 + 4, t.Describe(otherId).Output!.GetValue<int>());
            }

            await Eventually.Until(() => Probe.For(blocked).Count("blocking") == 1, "the body to block");
            Assert.Equal("running", t.Describe(blocked).Status);
        }
        finally
        {
            BlockingBodies.Release(blocked).Set();
        }

        await t.WaitForStatusAsync(blocked, "complete");
        Assert.Equal("released", t.Describe(blocked).Output!.GetValue<string>());
    }
}
