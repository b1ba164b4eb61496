using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Attempts;

/// <summary>What a step's attempts leave behind: the step's result, the tenant's step count, the parked execution's size.</summary>
public sealed class AttemptOutcomeTests
{
    [Fact]
    public async Task A_step_result_of_exactly_the_size_limit_is_kept()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 4096 }, typeof(Big));
        // 4,094 characters and the two quotes of the JSON string: 4,096 bytes.
        var id = await t.CreateAsync("big", -4094);

        await t.WaitForStatusAsync(id, "complete");

        var huge = t.Describe(id).Steps.Single(s => s.Name == "huge");
        Assert.Equal("complete", huge.Status);
        Assert.Equal(4094, huge.Output!.GetValue<string>().Length);
    }

    [Fact]
    public async Task The_tenant_counts_each_completed_step_once_however_many_attempts_it_took()
    {
        using var t = new TestEngine(typeof(ThreeSteps), typeof(Flaky));
        var three = await t.CreateAsync("three-steps");
        var flaky = await Flaky.StartAsync(t, "counted-retry", failures: 2, new RetryParams(5, 0, Skein.TenantSdk.Backoff.Constant));

        await t.WaitForStatusAsync(three, "complete");
        await t.WaitForStatusAsync(flaky, "complete");

        Assert.Equal(4, t.Runtimes.Runtime(TestEngine.Tenant).StepsCompleted);
    }

    [Theory]
    [InlineData(1_000, 0)] // 1,002 bytes of JSON, held as UTF-16 (about 2 KB): more than the bound, though the params are not
    [InlineData(10, 1)]
    public async Task A_waiting_instance_stays_parked_only_while_its_step_results_fit_the_cache_s_byte_bound(int resultLength, int parked)
    {
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutionBytes = 1_000 }, typeof(HoldsAResult));
        var id = await t.CreateAsync("holds-a-result", resultLength);

        await t.WaitForStatusAsync(id, "waiting");
        await t.WaitUntilIdleAsync();

        Assert.Equal(parked, t.Runtimes.Executions.Count);
    }
}
