using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// <c>GET …/instances/{id}/logs</c> pages the lines workflow code logged (uploaded through the real scan), the stream
/// sends them as <c>log</c> events, and another tenant's key sees none of them.
/// </summary>
public sealed class LogsApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly byte[] Logging = TestAssemblies.Compile("Logging.Tenant", """
        using Microsoft.Extensions.Logging;

        namespace Logging;

        [Workflow("logging")]
        public sealed class LoggingWorkflow : Workflow<int, int>
        {
            // The shape the [LoggerMessage] source generator emits.
            private static readonly Action<ILogger, int, Exception?> Planned =
                LoggerMessage.Define<int>(LogLevel.Information, new EventId(1, "Planned"), "planned {Count} steps");

            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                Planned(step.Logger, e.Payload, null);
                var sum = 0;
                for (var i = 1; i <= e.Payload; i++)
                {
                    sum += await step.Do("add", ctx =>
                    {
                        ctx.Logger.LogWarning("adding {Number}", ctx.Count);
                        return Task.FromResult(ctx.Count);
                    });
                }

                return sum;
            }
        }
        """);

    [Fact]
    public async Task Logs_are_paged_with_their_step_and_attempt_and_sent_on_the_stream()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "logs");
        await ApiClient.DeployAsync(client, tenant, Logging);
        await ApiClient.CreateAsync(client, tenant, "logging", 3, "l-1");
        await ApiClient.WaitForStatusAsync(client, tenant, "l-1", "complete");

        var first = await GetAsync(client, $"/v1/tenants/{tenant}/instances/l-1/logs?limit=2");
        var items = first["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var planned = items[0]!.AsObject();
        Assert.Equal(["seq", "at", "level", "message"], planned.Select(p => p.Key));
        Assert.Equal(("information", "planned 3 steps"), (planned["level"]!.GetValue<string>(), planned["message"]!.GetValue<string>()));
        var added = items[1]!.AsObject();
        Assert.Equal(["seq", "at", "level", "message", "step", "attempt"], added.Select(p => p.Key));
        Assert.Equal(("warning", "adding 1", "add", 1, 1), (added["level"]!.GetValue<string>(), added["message"]!.GetValue<string>(),
            added["step"]!["name"]!.GetValue<string>(), added["step"]!["count"]!.GetValue<int>(), added["attempt"]!.GetValue<int>()));

        var cursor = first["nextCursor"]!.GetValue<string>();
        var rest = await GetAsync(client, $"/v1/tenants/{tenant}/instances/l-1/logs?cursor={cursor}");
        Assert.Equal(["adding 2", "adding 3"], rest["items"]!.AsArray().Select(i => i!["message"]!.GetValue<string>()));
        Assert.Null(rest["nextCursor"]);

        using var stream = await ServerSentEvents.OpenAsync(client, tenant, "l-1");
        var logged = (await stream.ReadToEndAsync()).Where(e => e.Kind == "log").ToList();
        Assert.Equal(["planned 3 steps", "adding 1", "adding 2", "adding 3"], logged.Select(e => JsonNode.Parse(e.Data)!["message"]!.GetValue<string>()));
        Assert.Equal(items[1]!["seq"]!.GetValue<long>(), logged[1].Id);
    }

    [Fact]
    public async Task Another_tenants_key_gets_404_and_a_bad_query_gets_400_naming_the_parameter()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "logs-own");
        var (_, other) = await ApiClient.NewTenantAsync(host, "logs-other");
        await ApiClient.DeployAsync(client, tenant, Logging);
        await ApiClient.CreateAsync(client, tenant, "logging", 1, "l-2");
        await ApiClient.WaitForStatusAsync(client, tenant, "l-2", "complete");

        await ApiClient.ProblemAsync(await other.GetAsync($"/v1/tenants/{tenant}/instances/l-2/logs"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await client.GetAsync($"/v1/tenants/{tenant}/instances/nope/logs"), HttpStatusCode.NotFound);
        var bad = await ApiClient.ProblemAsync(await client.GetAsync($"/v1/tenants/{tenant}/instances/l-2/logs?cursor=x&limit=0"), HttpStatusCode.BadRequest);
        Assert.Equal(["cursor", "limit"], bad["errors"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
