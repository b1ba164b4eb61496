using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>The step and output limits, counted across replays and at exactly the limit.</summary>
public sealed class ExecutionLimitTests
{
    [Fact]
    public async Task Steps_replayed_after_a_restart_count_toward_the_step_limit()
    {
        using var t = new TestEngine(new EngineOptions { MaxStepsPerInstance = 5 }, typeof(StepsAroundNap));
        var id = await t.CreateAsync("steps-around-nap", 3);
        await t.WaitForStatusAsync(id, "waiting");

        t.Restart(TimeSpan.FromMinutes(1));

        Assert.Equal("errored", await t.WaitForStatusAsync(id, "errored", "complete"));
        var described = t.Describe(id);
        Assert.Equal(5, described.Steps.Count(s => s.Type == "step"));
        Assert.Contains("more than 5 steps", described.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_stopped_by_the_step_limit_does_not_undo_its_completed_steps()
    {
        using var t = new TestEngine(new EngineOptions { MaxStepsPerInstance = 3 }, typeof(UndoableThenSteps));
        var id = await t.CreateAsync("undoable-then-steps", 5);

        await t.WaitForStatusAsync(id, "errored");
        await t.WaitUntilIdleAsync();

        Assert.Contains("more than 3 steps", t.Describe(id).Error!.Message, StringComparison.Ordinal);
        Assert.Null(t.Describe(id).Steps.Single(s => s.Name == "reserve").Rollback);
        Assert.Empty(Probe.For(id).Effects);
    }

    [Fact]
    public async Task A_workflow_output_of_exactly_the_size_limit_completes()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 1024 }, typeof(SizedOutput));
        // 1,022 characters and the two quotes of the JSON string.
        var id = await t.CreateAsync("sized-output", 1022);

        await t.WaitForStatusAsync(id, "complete", "errored");

        Assert.Equal("complete", t.Describe(id).Status);
        Assert.Equal(1022, t.Describe(id).Output!.GetValue<string>().Length);
    }

    [Fact]
    public async Task A_workflow_output_a_byte_over_the_limit_errors_naming_its_size_and_the_limit()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 1024 }, typeof(SizedOutput));
        var id = await t.CreateAsync("sized-output", 1023);

        await t.WaitForStatusAsync(id, "errored");

        var error = t.Describe(id).Error!;
        Assert.Equal("PayloadTooLargeException", error.Name);
        Assert.Equal("The workflow's output is 1025 bytes of JSON; the limit is 1024.", error.Message);
    }
}
