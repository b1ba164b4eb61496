using System.IO.Compression;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Skein.Host.Api;
using Skein.Host.Plugins.Validation;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins;

/// <summary>
/// A failed attempt keeps the first frames of its stack trace that are the tenant's own code — not the engine's, the
/// SDK's or .NET's — and a null dereference names the tenant's method (with file and line when the upload has its PDB).
/// </summary>
public sealed class TenantStackFrameTests : IDisposable
{
    private const string Source = """
        namespace Frames;

        public static class Inventory
        {
            public static int Reserve(string? sku) => Count(sku) + 1;

            private static int Count(string? sku) => sku!.Length;
        }

        [Workflow("reserve")]
        public sealed class ReserveWorkflow : Workflow<string?, int>
        {
            public override Task<int> RunAsync(WorkflowEvent<string?> e, WorkflowStep step, CancellationToken ct) =>
                step.Do("reserve", new StepConfig { Retries = RetryPolicy.None }, ctx => Task.FromResult(Inventory.Reserve(e.Payload)));
        }
        """;

    private readonly PluginNode _node = new();

    [Fact]
    public async Task A_null_dereference_in_a_nested_tenant_method_is_recorded_with_the_tenants_frames_only()
    {
        _node.Registry.Create("acme", null);
        await _node.Deployments.DeployAsync("acme", TestAssemblies.Compile("Frames", Source, debug: true), UploadKind.Dll, "Frames.dll");

        var error = await FailedAttemptAsync("n-1");

        Assert.Equal("NullReferenceException", error.Name);
        Assert.StartsWith("Object reference not set to an instance of an object. (in Frames.Inventory.Count(String sku)", error.Message);
        var stack = Assert.IsAssignableFrom<IReadOnlyList<string>>(error.Stack);
        Assert.InRange(stack.Count, 3, 5);
        Assert.StartsWith("Frames.Inventory.Count(String sku)", stack[0]);
        Assert.StartsWith("Frames.Inventory.Reserve(String sku)", stack[1]);
        Assert.Contains("Frames.ReserveWorkflow", stack[2]);
        Assert.All(stack, frame => Assert.DoesNotContain("Skein.", frame));
        Assert.All(stack, frame => Assert.DoesNotContain("System.", frame));
    }

    [Fact]
    public async Task With_the_uploads_PDB_the_frames_and_the_message_give_file_and_line()
    {
        _node.Registry.Create("acme", null);
        await _node.Deployments.DeployAsync("acme", ZipWithPdb(), UploadKind.Zip, "frames.zip");

        var error = await FailedAttemptAsync("n-2");

        Assert.Contains("Frames.Inventory.Count(String sku) in /src/Frames.cs:line 7)", error.Message);
        Assert.EndsWith("in /src/Frames.cs:line 7", error.Stack![0]);
        Assert.EndsWith("in /src/Frames.cs:line 5", error.Stack[1]);
    }

    public void Dispose() => _node.Dispose();

    private async Task<ErrorDescription> FailedAttemptAsync(string id)
    {
        var created = await _node.Engine.CreateAsync("acme", "reserve", id, "null");
        Assert.Equal("errored", await _node.WaitForStatusAsync("acme", created.Id, "errored"));
        var described = InstanceDescriber.Describe(_node.Engine.Describe("acme", created.Id)!);
        return Assert.Single(Assert.Single(described.Steps).Attempts!).Error!;
    }

    /// <summary>The same code as a publish folder would hold it: the assembly and its portable PDB, zipped.</summary>
    private static byte[] ZipWithPdb()
    {
        var globals = CSharpSyntaxTree.ParseText("global using System; global using System.Threading; global using System.Threading.Tasks; global using Skein.TenantSdk;");
        var code = CSharpSyntaxTree.ParseText(Source, path: "/src/Frames.cs", encoding: System.Text.Encoding.UTF8);
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(framework, "*.dll")
            .Where(f => !f.Contains("Native", StringComparison.Ordinal))
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .Append(TestAssemblies.RealSdk).Append(TestAssemblies.LoggingAbstractions);
        var compilation = CSharpCompilation.Create("Frames", [globals, code], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Debug,
                nullableContextOptions: NullableContextOptions.Enable));
        using var dll = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(dll, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        Assert.True(result.Success, string.Join('\n', result.Diagnostics));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "Frames.dll", dll.ToArray());
            Add(archive, "Frames.pdb", pdb.ToArray());
        }

        return zip.ToArray();

        static void Add(ZipArchive archive, string name, byte[] bytes)
        {
            using var entry = archive.CreateEntry(name).Open();
            entry.Write(bytes);
        }
    }
}
