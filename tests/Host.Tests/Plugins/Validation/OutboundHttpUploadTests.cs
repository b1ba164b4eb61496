using Skein.Host.Plugins.Validation;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>
/// Tenant code calls out only through the client the host gives it: using that client, its requests, responses and
/// contents passes the scan; making a client or a handler of its own does not (the corpus in <see cref="ForbiddenApiCases"/>).
/// </summary>
public sealed class OutboundHttpUploadTests
{
    [Fact]
    public void Using_the_client_a_step_is_given_passes_the_scan()
    {
        var dll = TestAssemblies.Compile("MyTenant", """
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Net.Http.Json;

            namespace MyTenant;

            public sealed record Quote(string Sku, decimal Price);

            [Workflow("quote")]
            public sealed class QuoteWorkflow : Workflow<string, decimal>
            {
                public override async Task<decimal> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct)
                {
                    var quote = await step.Do("quote", new StepConfig(), async ctx =>
                    {
                        var http = ctx.Http;
                        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                        http.Timeout = TimeSpan.FromSeconds(5);
                        var text = await http.GetStringAsync("https://api.example.com/ping", ctx.CancellationToken);
                        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/quote")
                        {
                            Content = new StringContent(e.Payload + text),
                        };
                        request.Headers.Add("Idempotency-Key", ctx.IdempotencyKey);
                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
                        response.EnsureSuccessStatusCode();
                        await using var body = await response.Content.ReadAsStreamAsync(ctx.CancellationToken);
                        var posted = await http.PostAsJsonAsync("https://api.example.com/log", new { e.Payload }, ctx.CancellationToken);
                        return await posted.Content.ReadFromJsonAsync<Quote>(ctx.CancellationToken)
                            ?? await http.GetFromJsonAsync<Quote>("https://api.example.com/quote", ctx.CancellationToken);
                    }, async undo => await undo.Http.DeleteAsync($"https://api.example.com/quote/{undo.Output!.Sku}", undo.CancellationToken));
                    return quote!.Price;
                }
            }
            """);

        ValidationAssert.Accepted(ValidationAssert.Validate(dll, UploadKind.Dll));
    }

    [Fact]
    public void A_client_of_its_own_is_refused_with_the_way_to_call_out()
    {
        var dll = TestAssemblies.WithEvilClass(
            "public static Task<string> Run() => new System.Net.Http.HttpClient().GetStringAsync(\"http://127.0.0.1:5000/metrics\");");

        var result = ValidationAssert.Validate(dll, UploadKind.Dll);

        var problem = ValidationAssert.Rejected(result, UploadProblemCodes.NetworkAccess,
            "type MyTenant.Evil (method Run) creates System.Net.Http.HttpClient", "use StepContext.Http");
        Assert.Equal(("MyTenant.Evil", "Run"), (problem.Type, problem.Member));
    }

    [Theory]
    [InlineData("public static object Run() => new System.Net.Sockets.TcpClient(\"10.0.0.5\", 5432);", "System.Net.Sockets.TcpClient")]
    [InlineData("public static object Run() => System.Net.Quic.QuicConnection.IsSupported;", "System.Net.Quic.QuicConnection")]
    public void A_raw_socket_is_refused_with_the_way_to_call_out(string members, string type)
    {
        var result = ValidationAssert.Validate(TestAssemblies.WithEvilClass("#pragma warning disable CA1416\n" + members), UploadKind.Dll);

        var problem = ValidationAssert.Rejected(result, UploadProblemCodes.NetworkAccess, type, "use StepContext.Http");
        Assert.DoesNotContain("use HttpClient", problem.Message, StringComparison.Ordinal);
    }
}
