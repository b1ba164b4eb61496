using Skein.Host.Plugins.Validation;

using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

public sealed class ForbiddenApiTests
{
    [Theory]
    [MemberData(nameof(ForbiddenApiCases.Safe), MemberType = typeof(ForbiddenApiCases))]
    public void A_forbidden_api_is_rejected_and_named(string members, string code, string found)
    {
        var result = ValidationAssert.Validate(TestAssemblies.WithEvilClass(members), UploadKind.Dll);

        var problem = ValidationAssert.Rejected(result, code, "MyTenant.dll: type MyTenant.Evil", found);
        Assert.Equal("MyTenant.dll", problem.Assembly);
        Assert.StartsWith("MyTenant.Evil", problem.Type, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ForbiddenApiCases.Unsafe), MemberType = typeof(ForbiddenApiCases))]
    public void Unsafe_code_is_rejected_and_named(string members, string code, string found)
    {
        var result = ValidationAssert.Validate(TestAssemblies.WithEvilClass(members, allowUnsafe: true), UploadKind.Dll);

        ValidationAssert.Rejected(result, code, "MyTenant.dll", found);
    }

    [Fact]
    public void Looking_a_type_up_by_name_and_invoking_it_is_rejected_on_both_counts()
    {
        var dll = TestAssemblies.WithEvilClass("""
            public static object? Run() =>
                Type.GetType("System.Diagnostics.Process, System.Diagnostics.Process")!
                    .GetMethod("Start", [typeof(string)])!
                    .Invoke(null, ["sh"]);
            """);

        var result = ValidationAssert.Validate(dll, UploadKind.Dll);

        var lookup = ValidationAssert.Rejected(result, UploadProblemCodes.Reflection, "type MyTenant.Evil (method Run) calls System.Type.GetType");
        var invoke = ValidationAssert.Rejected(result, UploadProblemCodes.Reflection, "type MyTenant.Evil (method Run) calls System.Reflection.MethodBase.Invoke");
        Assert.Equal(("MyTenant.Evil", "Run", "System.Type.GetType"), (lookup.Type, lookup.Member, lookup.Api));
        Assert.Equal("System.Reflection.MethodBase.Invoke", invoke.Api);
    }

    [Fact]
    public void A_use_inside_a_lambda_of_an_async_method_is_reported_on_the_method_that_wrote_it()
    {
        var dll = TestAssemblies.WithEvilClass("""
            public static async Task<int> CountAsync()
            {
                await Task.Yield();
                return await Task.Run(() => System.IO.File.ReadAllLines("/etc/passwd").Length);
            }
            """);

        var problem = ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.FileSystemAccess,
            "MyTenant.dll: type MyTenant.Evil (method CountAsync) calls System.IO.File.ReadAllLines — direct file-system access is not allowed.");
        Assert.Equal(("MyTenant.Evil", "CountAsync"), (problem.Type, problem.Member));
    }

    [Fact]
    public void A_home_made_IgnoresAccessChecksToAttribute_is_rejected()
    {
        var dll = TestAssemblies.Compile("MyTenant", $$"""
            namespace System.Runtime.CompilerServices
            {
                [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
                public sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
                {
                    public string AssemblyName { get; } = assemblyName;
                }
            }

            {{TestAssemblies.OrderWorkflow.Replace("namespace MyTenant;", "namespace MyTenant {", StringComparison.Ordinal)}}
            }
            """);

        ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.Reflection,
            "declares System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute");
    }

    [Fact]
    public void A_dependency_that_forwards_a_framework_type_is_judged_like_a_reference_to_it()
    {
        var forwarder = TestAssemblies.Compile("Acme.Io",
            "[assembly: System.Runtime.CompilerServices.TypeForwardedTo(typeof(System.IO.File))]");
        var zip = TestZips.Create(
            ("MyTenant.dll", TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow)),
            ("Acme.Io.dll", forwarder));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.FileSystemAccess,
            "Acme.Io.dll forwards System.IO.File");
    }

    [Fact]
    public void Every_reason_is_listed_not_just_the_first()
    {
        var evil = TestAssemblies.WithEvilClass("""
            public static void Start() => System.Diagnostics.Process.Start("sh");
            public static string Read() => System.IO.File.ReadAllText("/etc/passwd");
            public static void Stop() => Environment.Exit(1);
            """);
        var zip = TestZips.Create(
            ("MyTenant.dll", evil),
            ("../escape.dll", evil),
            ("native/e_sqlite3.dll", NativePeImage.Build()),
            ("MyTenant.deps.json", "{ not json"u8.ToArray()));

        var result = ValidationAssert.Validate(zip, UploadKind.Zip);

        Assert.Null(result.Upload);
        Assert.Equal(
            [UploadProblemCodes.BadConfigFile, UploadProblemCodes.FileSystemAccess, UploadProblemCodes.NativeImage,
                UploadProblemCodes.ProcessControl, UploadProblemCodes.ZipUnsafePath],
            result.Problems.Select(p => p.Code).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, result.Problems.Count(p => p.Code == UploadProblemCodes.ProcessControl));
    }
}
