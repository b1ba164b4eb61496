using Skein.TenantSdk.Testing;

namespace SkeinWorkflow.Tests;

public sealed class GreetingWorkflowTests
{
    [Fact]
    public async Task Greets_after_its_pause()
    {
        await using var host = new WorkflowTestHost(new WorkflowTestHostOptions { SkipDelays = true }, typeof(GreetingWorkflow));

        var id = await host.StartAsync<GreetingWorkflow>(new GreetingParams("Ada", 2));
        var done = await host.WaitForStatusAsync(id, "complete");

        Assert.Equal("Hello, Ada! Hello, Ada!", done.OutputAs<GreetingResult>()!.Greeting);
        Assert.Equal(["greet", "pause", "count"], done.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task A_greeting_that_fails_twice_is_retried()
    {
        await using var host = new WorkflowTestHost(new WorkflowTestHostOptions { SkipDelays = true }, typeof(GreetingWorkflow));
        host.FailStep("greet", times: 2);

        var id = await host.StartAsync<GreetingWorkflow>(new GreetingParams("Ada"));
        var done = await host.WaitForStatusAsync(id, "complete");

        Assert.Equal(3, done.StepsNamed("greet").Single().Attempts!.Count);
    }
}
