using Samples.AgentLoop;
using Skein.TenantSdk.Testing;

namespace Samples.Tests;

/// <summary>The agent loop on the real engine: answers, continues as new, and takes mocked tools.</summary>
public sealed class AgentLoopTests
{
    [Fact]
    public async Task The_agent_answers_from_its_tool_results()
    {
        await using var host = new WorkflowTestHost(typeof(AgentWorkflow));
        var id = await host.StartAsync<AgentWorkflow>(new AgentParams("what is 12 * 7 + 3"));

        var done = await host.WaitForStatusAsync(id, "complete");

        Assert.Equal("87", done.OutputAs<AgentResult>()!.Answer);
    }

    [Fact]
    public async Task The_agent_continues_as_new_every_n_turns_and_keeps_its_transcript()
    {
        await using var host = new WorkflowTestHost(typeof(AgentWorkflow));
        var id = await host.StartAsync<AgentWorkflow>(new AgentParams("what is 1 + 2 + 3 + 4 + 5", MaxTurns: 8, ContinueEvery: 2));

        var done = await host.WaitForStatusAsync(id, "complete");

        var result = done.OutputAs<AgentResult>()!;
        Assert.Equal("15", result.Answer);
        Assert.Equal([1, 2, 3, 4], result.Transcript.Select(t => t.Number));
        Assert.Equal((3, 2), (done.Run, done.Runs!.Count));
        Assert.Equal(["plan"], done.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task A_planner_mocked_to_answer_at_once_ends_the_loop_without_tools()
    {
        await using var host = new WorkflowTestHost(typeof(AgentWorkflow));
        host.MockStep("plan", new ToolCall("answer", "42"));
        var id = await host.StartAsync<AgentWorkflow>(new AgentParams("anything"));

        var done = await host.WaitForStatusAsync(id, "complete");

        Assert.Equal("42", done.OutputAs<AgentResult>()!.Answer);
        Assert.Empty(done.StepsNamed("tool"));
    }
}
