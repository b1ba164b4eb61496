namespace Skein.TenantSdk.Analyzers.Tests;

public sealed class NonDeterministicApiAnalyzerTests
{
    private const string Workflow = """
        public sealed record P(string Id);

        [Workflow("w")]
        public sealed class W : Workflow<P, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<P> e, WorkflowStep step, CancellationToken ct)
            {
                BODY
            }
        }
        """;

    [Theory]
    [InlineData("var now = {|#0:DateTime.UtcNow|}; return now.ToString();", "DateTime.UtcNow")]
    [InlineData("var now = {|#0:DateTime.Now|}; return now.ToString();", "DateTime.Now")]
    [InlineData("var now = {|#0:DateTimeOffset.UtcNow|}; return now.ToString();", "DateTimeOffset.UtcNow")]
    [InlineData("return {|#0:Guid.NewGuid()|}.ToString();", "Guid.NewGuid")]
    [InlineData("return {|#0:new Random()|}.Next().ToString();", "new Random()")]
    [InlineData("return {|#0:Random.Shared|}.Next().ToString();", "Random.Shared")]
    [InlineData("var sw = {|#0:System.Diagnostics.Stopwatch.StartNew()|}; return sw.ToString();", "Stopwatch.StartNew")]
    [InlineData("return {|#0:Environment.TickCount64|}.ToString();", "Environment.TickCount64")]
    [InlineData("await {|#0:Task.Delay(10)|}; return \"\";", "Task.Delay")]
    [InlineData("{|#0:Thread.Sleep(10)|}; return \"\";", "Thread.Sleep")]
    [InlineData("return await {|#0:Task.Run(() => \"x\")|};", "Task.Run")]
    [InlineData("Func<string> later = () => {|#0:DateTime.UtcNow|}.ToString(); return await step.Do(\"a\", ctx => Task.FromResult(later()));", "DateTime.UtcNow")]
    public async Task A_non_deterministic_api_outside_a_step_is_reported(string body, string api)
    {
        await Verify.AnalyzerAsync<NonDeterministicApiAnalyzer>(Workflow.Replace("BODY", body, StringComparison.Ordinal),
            Verify.Diagnostic("SKEIN001").WithLocation(0).WithArguments(api));
    }

    [Theory]
    [InlineData("return await step.Do(\"now\", ctx => Task.FromResult(DateTime.UtcNow.ToString()));")]
    [InlineData("return await step.Do(\"id\", async ctx => { await Task.Delay(1, ctx.CancellationToken); return Guid.NewGuid().ToString(); });")]
    [InlineData("return await step.Do(\"id\", null, ctx => Task.FromResult(\"x\"), rb => Task.Delay(1));")]
    [InlineData("await step.Sleep(\"wait\", TimeSpan.FromSeconds(1)); return e.Payload.Id;")]
    public async Task The_same_api_inside_a_step_or_its_rollback_is_not_reported(string body)
    {
        await Verify.AnalyzerAsync<NonDeterministicApiAnalyzer>(Workflow.Replace("BODY", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Code_outside_a_workflow_class_is_not_reported()
    {
        await Verify.AnalyzerAsync<NonDeterministicApiAnalyzer>("""
            public static class Clock
            {
                public static DateTime Now() => DateTime.UtcNow;
            }
            """);
    }
}
