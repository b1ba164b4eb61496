namespace Skein.TenantSdk.Analyzers.Tests;

public sealed class StepNameAnalyzerTests
{
    private const string Workflow = """
        public sealed record P(string Id);

        [Workflow("w")]
        public sealed class W : Workflow<P, string>
        {
            private const string Charge = "charge";

            public override async Task<string> RunAsync(WorkflowEvent<P> e, WorkflowStep step, CancellationToken ct)
            {
                BODY
            }
        }
        """;

    [Theory]
    [InlineData("return await step.Do({|#0:$\"charge-{e.Payload.Id}\"|}, ctx => Task.FromResult(\"x\"));", "step.Do")]
    [InlineData("var name = e.Payload.Id; await step.Do({|#0:name|}, ctx => Task.CompletedTask); return \"\";", "step.Do")]
    [InlineData("await step.Sleep({|#0:e.Payload.Id|}, TimeSpan.FromSeconds(1)); return \"\";", "step.Sleep")]
    [InlineData("await step.SleepUntil({|#0:\"a\" + e.Payload.Id|}, DateTimeOffset.MaxValue); return \"\";", "step.SleepUntil")]
    [InlineData("var m = await step.WaitForEvent<string>({|#0:e.Payload.Id|}, new WaitForEventOptions { Type = \"approved\" }); return m.Payload;", "step.WaitForEvent")]
    [InlineData("return await step.RunWorkflow<P, string>({|#0:e.Payload.Id|}, \"child\", e.Payload);", "step.RunWorkflow")]
    public async Task A_step_name_that_is_not_a_constant_is_reported(string body, string api)
    {
        await Verify.AnalyzerAsync<StepNameAnalyzer>(Workflow.Replace("BODY", body, StringComparison.Ordinal),
            Verify.Diagnostic("SKEIN003").WithLocation(0).WithArguments(api));
    }

    [Theory]
    [InlineData("return await step.Do(\"charge\", ctx => Task.FromResult(\"x\"));")]
    [InlineData("return await step.Do(Charge, ctx => Task.FromResult(\"x\"));")]
    [InlineData("return await step.Do(nameof(Charge) + \"-1\", ctx => Task.FromResult(e.Payload.Id));")]
    [InlineData("await step.Sleep(\"wait\", TimeSpan.FromSeconds(1)); return \"\";")]
    public async Task A_constant_step_name_is_not_reported(string body)
    {
        await Verify.AnalyzerAsync<StepNameAnalyzer>(Workflow.Replace("BODY", body, StringComparison.Ordinal));
    }
}
