using System.Text;
using Skein.Host.Plugins.Validation;

using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

public sealed class FileCheckTests
{
    [Fact]
    public void A_file_that_is_not_a_PE_file_is_rejected_as_such()
    {
        byte[] elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[120]];

        var result = ValidationAssert.Validate(elf, UploadKind.Dll, fileName: "libz.so.1.dll");

        var problem = ValidationAssert.Rejected(result, UploadProblemCodes.NotPortableExecutable, "libz.so.1.dll", "not a PE file");
        Assert.Equal("libz.so.1.dll", problem.Assembly);
    }

    [Fact]
    public void A_zip_sent_as_a_dll_is_rejected_with_a_hint()
    {
        var zip = TestZips.Create(("MyTenant.dll", TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow)));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Dll), UploadProblemCodes.NotPortableExecutable,
            "upload.dll", "it is a zip");
    }

    [Fact]
    public void A_native_dll_is_rejected_as_a_PE_without_metadata()
    {
        var zip = TestZips.Create(
            ("MyTenant.dll", TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow)),
            ("runtimes/win-x64/native/e_sqlite3.dll", NativePeImage.Build()));

        var result = ValidationAssert.Validate(zip, UploadKind.Zip);

        ValidationAssert.Rejected(result, UploadProblemCodes.NativeImage, "runtimes/win-x64/native/e_sqlite3.dll", "native DLL");
        Assert.DoesNotContain(result.Problems, p => p.Code == UploadProblemCodes.NotPortableExecutable);
    }

    [Fact]
    public void A_dll_whose_file_name_is_not_its_assembly_name_is_rejected()
    {
        var zip = TestZips.Create(("Innocent.dll", TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow)));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.AssemblyNameMismatch,
            "Innocent.dll", "MyTenant.dll");
    }

    [Fact]
    public void A_single_dll_named_like_a_framework_assembly_is_rejected()
    {
        var dll = TestAssemblies.Compile("System.Text.Json", TestAssemblies.OrderWorkflow);

        ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.ReservedAssemblyName,
            "System.Text.Json.dll", "the host provides");
    }

    [Fact]
    public void Framework_copies_in_a_zip_are_dropped_rather_than_scanned()
    {
        var frameworkCopy = File.ReadAllBytes(typeof(System.Text.Json.JsonSerializer).Assembly.Location);
        var zip = TestZips.Create(
            ("MyTenant.dll", TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow)),
            ("System.Text.Json.dll", frameworkCopy));

        var upload = ValidationAssert.Accepted(ValidationAssert.Validate(zip, UploadKind.Zip));

        Assert.Equal(["System.Text.Json.dll"], upload.DroppedFiles);
        Assert.Equal(["MyTenant.dll"], upload.Files.Keys);
    }

    [Fact]
    public void A_deps_file_pointing_outside_the_upload_is_rejected()
    {
        var deps = Encoding.UTF8.GetBytes("""
            {"targets":{".NETCoreApp,Version=v10.0":{"MyTenant/1.0.0":{"runtime":{"../../other-tenant/Evil.dll":{}}}}}}
            """);
        var zip = TestZips.Create(
            ("MyTenant.dll", TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow)),
            ("MyTenant.deps.json", deps));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.BadConfigFile,
            "MyTenant.deps.json", "../../other-tenant/Evil.dll");
    }

    [Fact]
    public void A_runtimeconfig_with_extra_probing_paths_is_rejected()
    {
        var config = Encoding.UTF8.GetBytes("""{"runtimeOptions":{"additionalProbingPaths":["/srv/skein/tenants/other"]}}""");
        var zip = TestZips.Create(
            ("MyTenant.dll", TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow)),
            ("MyTenant.runtimeconfig.json", config));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.BadConfigFile,
            "MyTenant.runtimeconfig.json", "additionalProbingPaths");
    }
}
