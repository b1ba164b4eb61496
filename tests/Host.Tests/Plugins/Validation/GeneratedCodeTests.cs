using Skein.Host.Plugins.Validation;

using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>The code the framework's own source generators write into tenant assemblies must pass the allow-list.</summary>
public sealed class GeneratedCodeTests
{
    [Fact]
    public void Json_and_regex_source_generated_code_passes_the_allow_list()
    {
        var dll = TestAssemblies.Compile("MyTenant", """
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Text.RegularExpressions;

            namespace MyTenant;

            public sealed record Invoice(string Number, decimal Amount, DateTimeOffset Due)
            {
                public required string Customer { get; init; }

                public List<string> Notes { get; set; } = [];
            }

            public struct Money
            {
                public decimal Amount { get; set; }

                public string Currency { get; set; }
            }

            [JsonSerializable(typeof(Invoice))]
            [JsonSerializable(typeof(Money))]
            [JsonSerializable(typeof(Dictionary<string, Invoice[]>))]
            public sealed partial class InvoiceJson : JsonSerializerContext
            {
            }

            public static partial class Patterns
            {
                [GeneratedRegex("^INV-[0-9]{4,8}$", RegexOptions.IgnoreCase)]
                public static partial Regex InvoiceNumber();
            }

            [Workflow("invoice")]
            public sealed class InvoiceWorkflow : Workflow<string, string>
            {
                public override async Task<string> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct)
                {
                    var invoice = JsonSerializer.Deserialize(e.Payload, InvoiceJson.Default.Invoice)!;
                    if (!Patterns.InvoiceNumber().IsMatch(invoice.Number))
                    {
                        throw new NonRetryableException($"Bad invoice number {invoice.Number}");
                    }

                    var stored = await step.Do("store", ctx => Task.FromResult(invoice with { Amount = invoice.Amount * 1.2m }));
                    return JsonSerializer.Serialize(stored, InvoiceJson.Default.Invoice);
                }
            }
            """, sourceGenerators: true);

        var upload = ValidationAssert.Accepted(ValidationAssert.Validate(dll, UploadKind.Dll));

        Assert.Equal(["invoice"], upload.Workflows.Select(w => w.Name));
    }
}
