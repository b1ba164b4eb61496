using Skein.TenantSdk;

namespace Samples.BatchJob;

public sealed record BatchParams(int Records, int ChunkSize = 100);

public sealed record ChunkResult(int Chunk, int Records, long Checksum);

public sealed record BatchResult(int Chunks, int Records, long Checksum);

/// <summary>
/// Fan-out / fan-in: split the records into chunks, process every chunk as its own durable step in parallel, then
/// combine. A crash re-runs only the chunks that had not committed. It also runs every night at 03:00 UTC on its
/// schedule (instance <c>batch-{yyyyMMddT030000}</c>), skipping a night while the previous night's run is unfinished.
/// </summary>
[Workflow("batch")]
[Schedule("0 3 * * *", TimeZone = "UTC", Params = """{"records": 10000, "chunkSize": 500}""", SkipIfRunning = true)]
public sealed class BatchWorkflow : Workflow<BatchParams, BatchResult>
{
    public override async Task<BatchResult> RunAsync(WorkflowEvent<BatchParams> e, WorkflowStep step, CancellationToken ct)
    {
        var plan = await step.Do("plan", ctx => Task.FromResult(Chunking.Plan(e.Payload.Records, e.Payload.ChunkSize)));

        var results = await Task.WhenAll(plan.Select(chunk =>
            step.Do("process-chunk", new StepConfig { Retries = new RetryPolicy(3, TimeSpan.FromMilliseconds(200)) },
                ctx => Task.FromResult(Chunking.Process(chunk)))));

        return await step.Do("combine", ctx => Task.FromResult(new BatchResult(
            results.Length, results.Sum(r => r.Records), results.Aggregate(17L, (sum, r) => (sum * 31) + r.Checksum))));
    }
}
