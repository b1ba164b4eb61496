using Skein.Host.Plugins.Validation;

using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

public sealed class SdkAndWorkflowTests
{
    [Fact]
    public void An_assembly_built_against_a_newer_sdk_is_rejected()
    {
        var dll = TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow, sdk: TestAssemblies.FakeSdk("2.0.0.0"));

        ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.SdkTooNew,
            "MyTenant.dll", "built against Skein.TenantSdk 2.0.0.0, this host provides 1.0.0.0");
    }

    [Fact]
    public void An_assembly_built_against_an_older_sdk_is_accepted()
    {
        var dll = TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow, sdk: TestAssemblies.FakeSdk("0.9.0.0"));

        var upload = ValidationAssert.Accepted(ValidationAssert.Validate(dll, UploadKind.Dll));

        Assert.Equal(new Version(0, 9, 0, 0), upload.SdkVersion);
    }

    [Fact]
    public void An_upload_without_a_workflow_is_rejected()
    {
        var dll = TestAssemblies.Compile("MyTenant", """
            namespace MyTenant;

            public sealed class NotAWorkflow : Workflow<int, int>
            {
                public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(1);
            }
            """);

        ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.NoWorkflow,
            "no type marked [Workflow]", "MyTenant.dll");
    }

    [Fact]
    public void An_assembly_that_does_not_reference_the_sdk_is_rejected_for_that_too()
    {
        var dll = TestAssemblies.Compile("MyTenant", "namespace MyTenant; public static class Nothing { }");

        var result = ValidationAssert.Validate(dll, UploadKind.Dll);

        ValidationAssert.Rejected(result, UploadProblemCodes.SdkNotReferenced, "Skein.TenantSdk");
        ValidationAssert.Rejected(result, UploadProblemCodes.NoWorkflow);
    }

    [Fact]
    public void Two_workflows_with_the_same_name_are_rejected()
    {
        var dll = TestAssemblies.Compile("MyTenant", $$"""
            {{TestAssemblies.OrderWorkflow}}

            [Workflow("order")]
            public sealed class OrderAgain : Workflow<int, int>
            {
                public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(2);
            }
            """);

        ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.WorkflowNameDuplicate,
            "MyTenant.OrderAgain", "MyTenant.OrderWorkflow", "\"order\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("x\n")]
    [InlineData("this-name-is-far-too-long-to-be-a-workflow-name-because-it-has-65c")]
    public void A_workflow_name_outside_the_pattern_is_rejected(string name)
    {
        var literal = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(name, quote: true);
        var dll = TestAssemblies.Compile("MyTenant", $$"""
            namespace MyTenant;

            [Workflow({{literal}})]
            public sealed class Odd : Workflow<int, int>
            {
                public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(1);
            }
            """);

        ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.WorkflowNameInvalid, "MyTenant.Odd");
    }

    [Fact]
    public void A_workflow_that_does_not_derive_directly_from_the_sdk_base_is_rejected()
    {
        var dll = TestAssemblies.Compile("MyTenant", """
            namespace MyTenant;

            public abstract class Base : Workflow<int, int>
            {
            }

            [Workflow("indirect")]
            public sealed class Indirect : Base
            {
                public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(1);
            }

            [Workflow("plain")]
            public sealed class Plain
            {
            }
            """);

        var result = ValidationAssert.Validate(dll, UploadKind.Dll);

        ValidationAssert.Rejected(result, UploadProblemCodes.WorkflowBaseType, "MyTenant.Indirect");
        ValidationAssert.Rejected(result, UploadProblemCodes.WorkflowBaseType, "MyTenant.Plain");
    }

    [Fact]
    public void A_workflow_the_engine_cannot_construct_is_rejected()
    {
        var dll = TestAssemblies.Compile("MyTenant", """
            namespace MyTenant;

            [Workflow("needs-args")]
            public sealed class NeedsArgs(string config) : Workflow<int, string>
            {
                public override Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(config);
            }

            [Workflow("abstract")]
            public abstract class Abstract : Workflow<int, int>
            {
            }
            """);

        var result = ValidationAssert.Validate(dll, UploadKind.Dll);

        ValidationAssert.Rejected(result, UploadProblemCodes.WorkflowNotConstructible, "MyTenant.NeedsArgs", "no public parameterless constructor");
        ValidationAssert.Rejected(result, UploadProblemCodes.WorkflowNotConstructible, "MyTenant.Abstract", "is abstract");
    }

    [Fact]
    public void A_look_alike_workflow_attribute_defined_in_the_upload_does_not_count()
    {
        var dll = TestAssemblies.Compile("MyTenant", """
            namespace Skein.TenantSdk.Fake
            {
                public sealed class WorkflowAttribute(string name) : System.Attribute
                {
                    public string Name { get; } = name;
                }
            }

            namespace MyTenant
            {
                [Skein.TenantSdk.Fake.Workflow("fake")]
                public sealed class Fake : Workflow<int, int>
                {
                    public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(1);
                }
            }
            """);

        ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.NoWorkflow);
    }

    [Fact]
    public void Workflows_spread_over_two_assemblies_are_rejected()
    {
        var zip = TestZips.Create(
            ("MyTenant.dll", TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow)),
            ("MyOther.dll", TestAssemblies.Compile("MyOther", TestAssemblies.OrderWorkflow.Replace("\"order\"", "\"other\"", StringComparison.Ordinal))));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.WorkflowsInSeveralAssemblies,
            "MyTenant.dll", "MyOther.dll");
    }
}
