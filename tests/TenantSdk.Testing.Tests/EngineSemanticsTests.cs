using Skein.Tests.Common;

namespace Skein.TenantSdk.Testing.Tests;

/// <summary>
/// The test kit's semantics are the engine's: each scenario runs the same workflow code through
/// <see cref="WorkflowTestHost"/> (fake clock, delays skipped) and through a real host over HTTP (real time), and the
/// two describes must say the same thing, step for step.
/// </summary>
public sealed class EngineSemanticsTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string> Scenarios => ["retries", "retries-exhausted", "sleep", "event", "event-timeout", "child", "continue-as-new", "rollback"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_scenario_ends_the_same_in_the_test_kit_and_in_a_real_host(string scenario)
    {
        await using var kit = new WorkflowTestHost(new WorkflowTestHostOptions { SkipDelays = true }, KitWorkflows.Types);
        using var api = await HostApi.NewTenantWithKitWorkflowsAsync(host);
        var id = "i-" + scenario;

        var inKit = await RunAsync(scenario, id,
            (workflow, p) => kit.StartAsync(workflow, p, id),
            status => kit.WaitForStatusAsync(id, status),
            (type, payload) => kit.SendEventAsync(id, type, payload),
            () => kit.AdvanceAsync(TimeSpan.FromSeconds(2)));
        var inHost = await RunAsync(scenario, id,
            (workflow, p) => api.StartAsync(workflow, p, id),
            status => api.WaitForStatusAsync(id, status),
            (type, payload) => api.SendEventAsync(id, type, payload),
            () => Task.CompletedTask);

        Assert.Equal(Outcome.Of(inHost), Outcome.Of(inKit));
        Assert.Equal(Expected(scenario), (inKit.Status, inKit.Output?.GetRawText()));
    }

    private static (string, string?) Expected(string scenario) => scenario switch
    {
        "retries" => ("complete", "3"),
        "retries-exhausted" => ("errored", null),
        "sleep" => ("complete", "\"woke\""),
        "event" => ("complete", "\"got yes\""),
        "event-timeout" => ("complete", "\"timed out\""),
        "child" => ("complete", "43"),
        "continue-as-new" => ("complete", "3"),
        "rollback" => ("errored", null),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    private static async Task<InstanceDescription> RunAsync(string scenario, string id,
        Func<string, object?, Task<string>> start, Func<string, Task<InstanceDescription>> waitFor,
        Func<string, object?, Task> send, Func<Task> passTimeout)
    {
        switch (scenario)
        {
            case "retries":
                await start("retry", new { fails = 2 });
                return await waitFor("complete");
            case "retries-exhausted":
                await start("retry", new { fails = 9 });
                return await waitFor("errored");
            case "sleep":
                await start("sleeper", null);
                return await waitFor("complete");
            case "event":
                await start("waiter", null);
                await waitFor("waiting");
                await send("go", "yes");
                return await waitFor("complete");
            case "event-timeout":
                await start("waiter", null);
                await waitFor("waiting");
                await passTimeout();
                return await waitFor("complete");
            case "child":
                await start("parent", 21);
                return await waitFor("complete");
            case "continue-as-new":
                await start("looper", 0);
                return await waitFor("complete");
            default:
                await start("saga", null);
                return await waitFor("errored");
        }
    }
}
