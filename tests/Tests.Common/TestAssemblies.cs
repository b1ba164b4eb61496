using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Skein.TenantSdk;

namespace Skein.Tests.Common;

/// <summary>
/// Compiles the upload corpus at test time with Roslyn, against the running framework's assemblies and either the
/// real <c>Skein.TenantSdk</c> or a stand-in built here with another AssemblyVersion.
/// </summary>
public static class TestAssemblies
{
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Skein.TenantSdk;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(LoadFramework);
    private static readonly Lazy<ImmutableArray<ISourceGenerator>> FrameworkGenerators = new(LoadGenerators);

    /// <summary>A workflow the validator accepts; corpus cases add their own code next to it.</summary>
    public const string OrderWorkflow = """
        namespace MyTenant;

        public sealed record OrderParams(string Id, int Quantity);

        public sealed record OrderResult(string Id, decimal Total);

        [Workflow("order", MaxConcurrency = 4)]
        public sealed class OrderWorkflow : Workflow<OrderParams, OrderResult>
        {
            public override async Task<OrderResult> RunAsync(WorkflowEvent<OrderParams> e, WorkflowStep step, CancellationToken ct)
            {
                var price = await step.Do("price", ctx => Task.FromResult(e.Payload.Quantity * 2.5m));
                return new OrderResult(e.Payload.Id, price);
            }
        }
        """;

    /// <summary>The running framework's assemblies, as the corpus compiles against them.</summary>
    public static ImmutableArray<MetadataReference> FrameworkReferences => Framework.Value;

    public static MetadataReference RealSdk { get; } = MetadataReference.CreateFromFile(typeof(WorkflowStep).Assembly.Location);

    /// <summary>The logging abstractions the real SDK's loggers are typed with (the host shares its copy).</summary>
    public static MetadataReference LoggingAbstractions { get; } =
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location);

    /// <summary>Compiles C# into an assembly image.</summary>
    /// <param name="sdk">The SDK to compile against; the real one when null.</param>
    /// <param name="sourceGenerators">Whether to run the framework's JSON and regex source generators, as the SDK does.</param>
    public static byte[] Compile(string assemblyName, string source, MetadataReference? sdk = null,
        IEnumerable<MetadataReference>? references = null, bool allowUnsafe = false, bool debug = false,
        bool sourceGenerators = false)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: debug ? ["DEBUG"] : []);
        Compilation compilation = CreateCompilation(assemblyName, source, parse, sdk, references, allowUnsafe, debug);
        if (sourceGenerators)
        {
            CSharpGeneratorDriver.Create([.. FrameworkGenerators.Value], parseOptions: parse)
                .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        }

        return Emit(compilation);
    }

    /// <summary>The compilation <see cref="Compile"/> emits, for tests that also analyze the source (the SDK's analyzers).</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName, string source, CSharpParseOptions? parse = null,
        MetadataReference? sdk = null, IEnumerable<MetadataReference>? references = null, bool allowUnsafe = false, bool debug = false)
    {
        parse ??= new CSharpParseOptions(LanguageVersion.Latest);
        return CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(GlobalUsings, parse), CSharpSyntaxTree.ParseText(source, parse)],
            [.. Framework.Value, .. sdk is null ? [RealSdk, LoggingAbstractions] : new[] { sdk }, .. references ?? []],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: debug ? OptimizationLevel.Debug : OptimizationLevel.Release,
                allowUnsafe: allowUnsafe,
                nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Emits a compilation into an assembly image, failing with the compiler's errors.</summary>
    public static byte[] Emit(Compilation compilation)
    {
        var assemblyName = compilation.AssemblyName;
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
            throw new InvalidOperationException($"The corpus assembly {assemblyName} does not compile:\n{string.Join('\n', errors)}");
        }

        return image.ToArray();
    }

    /// <summary>The order workflow plus <paramref name="members"/> in a class <c>MyTenant.Evil</c>.</summary>
    public static byte[] WithEvilClass(string members, bool allowUnsafe = false) =>
        Compile("MyTenant", $$"""
            {{OrderWorkflow}}

            public {{(allowUnsafe ? "unsafe " : "")}}class Evil
            {
                {{members}}
            }
            """, allowUnsafe: allowUnsafe);

    /// <summary>A stand-in <c>Skein.TenantSdk</c> with the given AssemblyVersion and just enough surface to write a workflow.</summary>
    public static MetadataReference FakeSdk(string version) => MetadataReference.CreateFromImage(CompileWithoutSdk("Skein.TenantSdk", $$"""
        [assembly: System.Reflection.AssemblyVersion("{{version}}")]

        namespace Skein.TenantSdk
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class WorkflowAttribute(string name) : System.Attribute
            {
                public string Name { get; } = name;

                public int MaxConcurrency { get; set; }
            }

            public abstract class WorkflowStep
            {
                public System.Threading.Tasks.Task<T> Do<T>(string name, System.Func<object, System.Threading.Tasks.Task<T>> action) =>
                    action(name);
            }

            public sealed record WorkflowEvent<T>(T Payload, string InstanceId, string WorkflowName, System.DateTimeOffset Timestamp);

            public abstract class Workflow<TParams, TResult>
            {
                public abstract System.Threading.Tasks.Task<TResult> RunAsync(WorkflowEvent<TParams> e, WorkflowStep step,
                    System.Threading.CancellationToken ct);
            }
        }
        """));

    private static byte[] CompileWithoutSdk(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source)], Framework.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        return result.Success
            ? image.ToArray()
            : throw new InvalidOperationException(string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
    }

    /// <summary>
    /// The System.Text.Json and regex source generators that ship in the SDK's reference pack next to the running
    /// framework, so the corpus holds the code they really generate.
    /// </summary>
    private static ImmutableArray<ISourceGenerator> LoadGenerators()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(frameworkFolder, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Directory.GetDirectories(packs, $"{Environment.Version.Major}.*")
            .OrderByDescending(d => Version.Parse(Path.GetFileName(d).Split('-')[0]))
            .First();
        var analyzers = Path.Combine(version, "analyzers", "dotnet", "cs");
        return
        [
            Generator(Path.Combine(analyzers, "System.Text.Json.SourceGeneration.dll"), "System.Text.Json.SourceGeneration.JsonSourceGenerator"),
            Generator(Path.Combine(analyzers, "System.Text.RegularExpressions.Generator.dll"), "System.Text.RegularExpressions.Generator.RegexGenerator"),
        ];

        static ISourceGenerator Generator(string path, string typeName)
        {
            var type = System.Reflection.Assembly.LoadFrom(path).GetType(typeName, throwOnError: true)!;
            return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
        }
    }

    /// <summary>The running framework's own assemblies (the shared framework folder of the trusted platform list).</summary>
    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return [.. trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkFolder)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
