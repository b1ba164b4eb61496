using Microsoft.Extensions.Logging;
using Skein.TenantSdk;

namespace Samples.AgentLoop;

/// <param name="Goal">What the agent is asked.</param>
/// <param name="MaxTurns">The turn budget of the whole loop, across runs.</param>
/// <param name="ContinueEvery">Turns per run: after this many the loop continues as new (0: never).</param>
/// <param name="Transcript">The turns of the earlier runs, carried into the next run's params.</param>
public sealed record AgentParams(string Goal, int MaxTurns = 8, int ContinueEvery = 50, IReadOnlyList<Turn>? Transcript = null);

public sealed record ToolCall(string Tool, string Input);

public sealed record Turn(int Number, ToolCall Call, string Observation);

public sealed record AgentResult(string Answer, IReadOnlyList<Turn> Transcript);

/// <summary>
/// An agent-style loop: a planner step picks the next tool from what earlier tool steps returned, a tool step runs
/// it, until the planner answers or the turn budget is spent. Every decision and every tool result is a step, so
/// a replay walks the same path without calling the model or the tools again. Every <see cref="AgentParams.ContinueEvery"/>
/// turns it continues as new, carrying its transcript in the next run's params, so a long loop's history stays small.
/// </summary>
[Workflow("agent")]
public sealed class AgentWorkflow : Workflow<AgentParams, AgentResult>
{
    public override async Task<AgentResult> RunAsync(WorkflowEvent<AgentParams> e, WorkflowStep step, CancellationToken ct)
    {
        var transcript = new List<Turn>(e.Payload.Transcript ?? []);
        var turnsThisRun = 0;
        for (var turn = transcript.Count + 1; turn <= e.Payload.MaxTurns; turn++)
        {
            if (turnsThisRun == e.Payload.ContinueEvery)
            {
                throw step.ContinueAsNew(e.Payload with { Transcript = transcript });
            }

            turnsThisRun++;
            var history = transcript.ToArray();
            var call = await step.Do("plan", ctx => Task.FromResult(Planner.Next(e.Payload.Goal, history)));
            step.Logger.LogInformation("Turn {Turn}: the planner chose {Tool}({Input})", turn, call.Tool, call.Input);
            if (call.Tool == Planner.Answer)
            {
                return new AgentResult(call.Input, transcript);
            }

            var observation = await step.Do("tool", new StepConfig { Timeout = TimeSpan.FromSeconds(20) },
                ctx => Task.FromResult(Tools.Run(call)));
            transcript.Add(new Turn(turn, call, observation));
        }

        return new AgentResult($"Gave up after {e.Payload.MaxTurns} turns.", transcript);
    }
}
