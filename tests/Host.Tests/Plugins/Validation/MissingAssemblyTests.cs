using Microsoft.CodeAnalysis;
using Skein.Host.Plugins.Validation;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>A workflow that calls a library of the tenant's own, uploaded without that library.</summary>
public sealed class MissingAssemblyTests
{
    private static readonly byte[] Library = TestAssemblies.Compile("OpsDepLib", """
        namespace OpsDepLib;

        public static class Greeter
        {
            public static string Hello(string who) => "hello " + who;
        }
        """);

    private static readonly byte[] Workflow = TestAssemblies.Compile("OpsDep", """
        namespace OpsDep;

        [Workflow("greet")]
        public sealed class GreetWorkflow : Workflow<string, string>
        {
            public override Task<string> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct) =>
                step.Do("greet", ctx => Task.FromResult(OpsDepLib.Greeter.Hello(e.Payload)));
        }
        """, references: [MetadataReference.CreateFromImage(Library)]);

    [Fact]
    public void A_dll_uploaded_without_its_library_is_refused_for_the_missing_assembly_not_the_allow_list()
    {
        var result = ValidationAssert.Validate(Workflow, UploadKind.Dll, fileName: "OpsDep.dll");

        var problem = ValidationAssert.Rejected(result, UploadProblemCodes.MissingAssembly,
            "OpsDep.dll: references assembly OpsDepLib 0.0.0.0, which is missing from the upload",
            "upload a zip of the publish folder", "which holds OpsDepLib.dll");
        Assert.Equal("OpsDepLib, Version=0.0.0.0", problem.Api);
        Assert.Equal([UploadProblemCodes.MissingAssembly], result.Problems.Select(p => p.Code));
    }

    [Fact]
    public void A_zip_without_the_library_says_the_zip_does_not_hold_it()
    {
        var zip = TestZips.Create(("publish/OpsDep.dll", Workflow));

        var result = ValidationAssert.Validate(zip, UploadKind.Zip);

        ValidationAssert.Rejected(result, UploadProblemCodes.MissingAssembly,
            "publish/OpsDep.dll: references assembly OpsDepLib", "the zip does not hold OpsDepLib.dll");
        Assert.Equal([UploadProblemCodes.MissingAssembly], result.Problems.Select(p => p.Code));
    }

    [Fact]
    public void A_zip_of_the_publish_folder_carries_the_library_and_is_accepted()
    {
        var zip = TestZips.Create(("publish/OpsDep.dll", Workflow), ("publish/OpsDepLib.dll", Library));

        var upload = ValidationAssert.Accepted(ValidationAssert.Validate(zip, UploadKind.Zip));

        Assert.Equal(["greet"], upload.Workflows.Select(w => w.Name));
    }

    [Fact]
    public void A_denied_api_of_a_missing_assembly_still_refuses_the_upload()
    {
        // A reference to a denied namespace in an assembly nobody provides is not judged by the list, but never loads either.
        var fake = TestAssemblies.Compile("FakeProcess", """
            namespace System.Reflection.Emit;

            public static class Sneaky
            {
                public static object? Emit(string code) => null;
            }
            """);
        var dll = TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow + """

            public static class Runner
            {
                public static object? Run() => System.Reflection.Emit.Sneaky.Emit("ret");
            }
            """, references: [MetadataReference.CreateFromImage(fake)]);

        var result = ValidationAssert.Validate(dll, UploadKind.Dll);

        ValidationAssert.Rejected(result, UploadProblemCodes.MissingAssembly, "references assembly FakeProcess");
    }
}
