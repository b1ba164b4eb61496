using Samples.BatchJob;
using Skein.TenantSdk.Testing;

namespace Samples.Tests;

/// <summary>The batch job's fan-out and fan-in on the real engine.</summary>
public sealed class BatchJobTests
{
    [Fact]
    public async Task Every_chunk_is_its_own_step_and_the_totals_add_up()
    {
        await using var host = new WorkflowTestHost(typeof(BatchWorkflow));
        var id = await host.StartAsync<BatchWorkflow>(new BatchParams(1000, 100));

        var done = await host.WaitForStatusAsync(id, "complete");

        var result = done.OutputAs<BatchResult>()!;
        Assert.Equal((10, 1000), (result.Chunks, result.Records));
        Assert.Equal(10, done.StepsNamed("process-chunk").Count);
    }

    [Fact]
    public async Task A_chunk_that_fails_twice_is_retried_and_the_batch_still_completes()
    {
        await using var host = new WorkflowTestHost(new WorkflowTestHostOptions { SkipDelays = true }, typeof(BatchWorkflow));
        host.FailStep("process-chunk", times: 2);
        var id = await host.StartAsync<BatchWorkflow>(new BatchParams(300, 100));

        var done = await host.WaitForStatusAsync(id, "complete");

        Assert.Equal(300, done.OutputAs<BatchResult>()!.Records);
        Assert.All(done.StepsNamed("process-chunk"), s => Assert.Equal([false, false, true], s.Attempts!.Select(a => a.Success)));
    }
}
