using System.Text.Json;
using Skein.TenantSdk;

namespace Skein.Bench.Engine;

/// <summary>
/// An agent loop with a long history: <see cref="WakeParams.Steps"/> steps, then <see cref="WakeParams.Wakes"/> times
/// a wait for a <c>go</c> event followed by one step. <see cref="WakeProbe"/> is told when each wait returns in the
/// workflow and when the step after it committed.
/// </summary>
[Workflow("agent")]
internal sealed class WakeWorkflow : Workflow<WakeParams, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<WakeParams> e, WorkflowStep step, CancellationToken ct)
    {
        var sum = 0;
        for (var i = 0; i < e.Payload.Steps; i++)
        {
            var value = i;
            sum += await step.Do("s", _ => Task.FromResult(value));
        }

        for (var wake = 1; wake <= e.Payload.Wakes; wake++)
        {
            await step.WaitForEvent<JsonElement>("go", new WaitForEventOptions { Type = "go" });
            WakeProbe.Woke(wake);
            sum += await step.Do("after", _ => Task.FromResult(1));
            WakeProbe.Stepped(wake);
        }

        return sum;
    }
}

/// <summary>Parameters of <see cref="WakeWorkflow"/>.</summary>
internal sealed record WakeParams(int Steps, int Wakes);
