using System.Text;
using Skein.Host.Plugins.Validation;

using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

public sealed class AcceptedUploadTests
{
    [Fact]
    public void A_single_workflow_dll_is_accepted_with_its_workflows()
    {
        var dll = TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow);

        var upload = ValidationAssert.Accepted(ValidationAssert.Validate(dll, UploadKind.Dll));

        Assert.Equal("MyTenant", upload.EntryAssemblyName);
        Assert.Equal("MyTenant.dll", upload.EntryAssemblyPath);
        Assert.Equal([new DiscoveredWorkflow("order", "MyTenant.OrderWorkflow", 4)], upload.Workflows);
        Assert.Equal(new Version(1, 0, 0, 0), upload.SdkVersion);
        Assert.Equal(["MyTenant.dll"], upload.Files.Keys);
        Assert.Equal(dll, upload.Files["MyTenant.dll"]);
    }

    [Fact]
    public void A_publish_zip_with_a_dependency_keeps_its_assemblies_and_config_and_drops_the_sdk()
    {
        var dependency = TestAssemblies.Compile("Acme.Pricing", """
            namespace Acme.Pricing;

            public static class PriceList
            {
                public static decimal For(string sku) => sku.Length * 1.25m;
            }
            """);
        var tenant = TestAssemblies.Compile("MyTenant", """
            namespace MyTenant;

            [Workflow("quote")]
            public sealed class QuoteWorkflow : Workflow<string, decimal>
            {
                public override Task<decimal> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct) =>
                    step.Do("price", ctx => Task.FromResult(Acme.Pricing.PriceList.For(e.Payload)));
            }

            [Workflow("quote-twice")]
            public sealed class QuoteTwice : Workflow<string, decimal>
            {
                public override async Task<decimal> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct) =>
                    2 * await step.Do("price", ctx => Task.FromResult(Acme.Pricing.PriceList.For(e.Payload)));
            }
            """, references: [Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(dependency)]);
        var deps = Encoding.UTF8.GetBytes("""
            {"targets":{".NETCoreApp,Version=v10.0":{"MyTenant/1.0.0":{"runtime":{"MyTenant.dll":{}}},
             "Acme.Pricing/2.1.0":{"runtime":{"lib/net10.0/Acme.Pricing.dll":{}}}}},
             "libraries":{"MyTenant/1.0.0":{"type":"project"},"Acme.Pricing/2.1.0":{"type":"package","path":"acme.pricing/2.1.0"}}}
            """);
        var zip = TestZips.Create(
            ("publish/", []),
            ("publish/MyTenant.dll", tenant),
            ("publish/MyTenant.deps.json", deps),
            ("publish/MyTenant.pdb", [1, 2, 3]),
            ("publish/Acme.Pricing.dll", dependency),
            ("publish/Skein.TenantSdk.dll", File.ReadAllBytes(typeof(Skein.TenantSdk.WorkflowStep).Assembly.Location)),
            ("publish/README.md", "hello"u8.ToArray()));

        var upload = ValidationAssert.Accepted(ValidationAssert.Validate(zip, UploadKind.Zip));

        Assert.Equal("MyTenant", upload.EntryAssemblyName);
        Assert.Equal("publish/MyTenant.dll", upload.EntryAssemblyPath);
        Assert.Equal(["quote", "quote-twice"], upload.Workflows.Select(w => w.Name));
        Assert.Equal(["MyTenant.QuoteWorkflow", "MyTenant.QuoteTwice"], upload.Workflows.Select(w => w.TypeFullName));
        Assert.Equal(
            ["publish/Acme.Pricing.dll", "publish/MyTenant.deps.json", "publish/MyTenant.dll", "publish/MyTenant.pdb"],
            upload.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["publish/README.md", "publish/Skein.TenantSdk.dll"], upload.DroppedFiles.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Everyday_workflow_code_passes_the_allow_list(bool debug)
    {
        var dll = TestAssemblies.Compile("Everyday", EverydayCode.Source, debug: debug);

        var upload = ValidationAssert.Accepted(ValidationAssert.Validate(dll, UploadKind.Dll));

        Assert.Equal(["everyday"], upload.Workflows.Select(w => w.Name));
    }
}
