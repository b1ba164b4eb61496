using Skein.Tests.Common;

namespace Skein.Cli.Tests;

/// <summary>The workflow DLLs the tests deploy, compiled at test time.</summary>
internal static class TenantCode
{
    private static readonly Lazy<byte[]> Workflows = new(() => TestAssemblies.Compile("Cli.Tenant", """
        using Microsoft.Extensions.Logging;

        namespace CliTenant;

        public sealed record Greeting(string Name);

        public sealed record Approval(string By);

        [Workflow("hello")]
        public sealed class Hello : Workflow<Greeting, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<Greeting> e, WorkflowStep step, CancellationToken ct)
            {
                var text = await step.Do("greet", ctx =>
                {
                    ctx.Logger.LogInformation("greeting {Name}", e.Payload.Name);
                    return Task.FromResult("hello " + e.Payload.Name);
                });
                return text;
            }
        }

        [Workflow("approval")]
        public sealed class ApprovalFlow : Workflow<Greeting, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<Greeting> e, WorkflowStep step, CancellationToken ct)
            {
                await step.Do("ask", ctx =>
                {
                    ctx.Logger.LogInformation("asking for {Name}", e.Payload.Name);
                    return Task.FromResult(1);
                });
                var approval = await step.WaitForEvent<Approval>("approve", new WaitForEventOptions { Type = "approve" });
                return await step.Do("done", ctx =>
                {
                    ctx.Logger.LogWarning("approved by {By}", approval.Payload.By);
                    return Task.FromResult("approved by " + approval.Payload.By);
                });
            }
        }

        [Workflow("fails")]
        public sealed class Fails : Workflow<Greeting, string>
        {
            public override Task<string> RunAsync(WorkflowEvent<Greeting> e, WorkflowStep step, CancellationToken ct) =>
                throw new InvalidOperationException("no greeting for " + e.Payload.Name);
        }
        """, references: [TestAssemblies.LoggingAbstractions]));

    private static readonly Lazy<byte[]> Refused = new(() => TestAssemblies.Compile("Cli.Refused", """
        namespace CliRefused;

        [Workflow("reader")]
        public sealed class Reader : Workflow<string, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct) =>
                await step.Do("read", ctx => Task.FromResult(System.IO.File.ReadAllText(e.Payload)));
        }
        """));

    /// <summary><c>hello</c> (one step that logs), <c>approval</c> (waits for an <c>approve</c> event), <c>fails</c> (throws).</summary>
    public static byte[] Dll => Workflows.Value;

    /// <summary>A workflow that reads files with System.IO.File: the upload scan refuses it.</summary>
    public static byte[] RefusedDll => Refused.Value;

    /// <summary>Writes <paramref name="image"/> to a temporary file named <paramref name="name"/> and returns its path.</summary>
    public static string WriteTemp(byte[] image, string name)
    {
        var folder = Directory.CreateTempSubdirectory("skein-cli-dll-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, image);
        return path;
    }
}
