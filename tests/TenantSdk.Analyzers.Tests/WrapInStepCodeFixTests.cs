using Skein.TenantSdk.CodeFixes;

namespace Skein.TenantSdk.Analyzers.Tests;

public sealed class WrapInStepCodeFixTests
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
    [InlineData(
        "var now = {|#0:DateTime.UtcNow|}; return now.ToString();",
        "var now = (await step.Do(\"utc-now\", ctx => Task.FromResult(DateTime.UtcNow))); return now.ToString();",
        "DateTime.UtcNow")]
    [InlineData(
        "var id = {|#0:Guid.NewGuid()|}; return id.ToString();",
        "var id = (await step.Do(\"new-guid\", ctx => Task.FromResult(Guid.NewGuid()))); return id.ToString();",
        "Guid.NewGuid")]
    [InlineData(
        "await {|#0:Task.Delay(10)|}; return \"\";",
        "await step.Do(\"delay\", ctx => Task.Delay(10)); return \"\";",
        "Task.Delay")]
    [InlineData(
        "await step.Do(\"utc-now\", ctx => Task.CompletedTask); var t = {|#0:DateTime.UtcNow|}; return t.ToString();",
        "await step.Do(\"utc-now\", ctx => Task.CompletedTask); var t = (await step.Do(\"utc-now-2\", ctx => Task.FromResult(DateTime.UtcNow))); return t.ToString();",
        "DateTime.UtcNow")]
    public async Task The_fix_moves_the_expression_into_a_step_with_a_constant_name(string body, string fixedBody, string api)
    {
        await Verify.CodeFixAsync<NonDeterministicApiAnalyzer, WrapInStepCodeFix>(
            Workflow.Replace("BODY", body, StringComparison.Ordinal),
            Workflow.Replace("BODY", fixedBody, StringComparison.Ordinal),
            Verify.Diagnostic("SKEIN001").WithLocation(0).WithArguments(api));
    }

    [Fact]
    public async Task No_fix_is_offered_for_a_value_a_step_cannot_log()
    {
        var source = Workflow.Replace("BODY", "var r = {|#0:new Random()|}; return r.Next().ToString();", StringComparison.Ordinal);
        await Verify.CodeFixAsync<NonDeterministicApiAnalyzer, WrapInStepCodeFix>(source, source,
            Verify.Diagnostic("SKEIN001").WithLocation(0).WithArguments("new Random()"));
    }
}
