using Skein.Host.Api;
using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>A run replayed by changed workflow code: the instance errors with the first difference it met.</summary>
public sealed class ChangedCodeTests
{
    private const string KindChanged = "the log holds step \"a\" #1, but the workflow asked for sleep \"a\" #1";

    [Fact]
    public async Task A_call_of_another_kind_at_a_logged_name_is_the_error_even_with_a_new_step_waiting_for_replay()
    {
        using var t = new TestEngine(typeof(Reshaped));

        var error = (await ErroredAfterChangeAsync(t, "reshaped", variant: 1)).Error!;

        Assert.Equal("NonDeterminismException", error.Name);
        Assert.Contains(KindChanged, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_code_that_also_asks_for_more_steps_than_the_limit_errors_with_the_difference_not_the_limit()
    {
        using var t = new TestEngine(new EngineOptions { MaxStepsPerInstance = 1 }, typeof(Reshaped));

        var described = await ErroredAfterChangeAsync(t, "reshaped", variant: 2);

        Assert.Equal("NonDeterminismException", described.Error!.Name);
        Assert.Contains(KindChanged, described.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "nap"], described.Steps.Select(s => s.Name));
    }

    /// <summary>Runs <paramref name="workflow"/> until it waits, changes its code, restarts, and reads the error it ends with.</summary>
    internal static async Task<InstanceDescription> ErroredAfterChangeAsync(TestEngine t, string workflow, int variant)
    {
        var id = await t.CreateAsync(workflow);
        await t.WaitForStatusAsync(id, "waiting");

        Probe.For(id).Variant = variant;
        t.Restart(TimeSpan.FromMinutes(1));

        await t.WaitForStatusAsync(id, "errored");
        return t.Describe(id);
    }
}
