using System.Diagnostics;
using Skein.TenantSdk;

namespace Skein.Bench.Engine;

/// <summary>
/// Runs <see cref="BenchParams.Steps"/> steps with trivial bodies, one after another. Around each step it records
/// the time from the body's return to the moment the workflow resumes after <c>step.Do</c>: the step result was
/// committed (fsync included) and the workflow's continuation was scheduled again.
/// </summary>
[Workflow("bench")]
internal sealed class BenchWorkflow : Workflow<BenchParams, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<BenchParams> e, WorkflowStep step, CancellationToken ct)
    {
        var sum = 0;
        for (var i = 0; i < e.Payload.Steps; i++)
        {
            var value = i;
            long returnedAt = 0;
            sum += await step.Do("s", _ =>
            {
                returnedAt = Stopwatch.GetTimestamp();
                return Task.FromResult(value);
            });
            CommitLatencyProbe.Record(Stopwatch.GetTimestamp() - returnedAt);
        }

        return sum;
    }
}
