using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Skein.Host.FunctionalTests.Backup;
using Skein.Host.Tenants;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Lifecycle;

/// <summary>
/// A host taken through a busy life — tenants and keys, deployments accepted and refused, an instance that errors,
/// backup and restore, a restart — writes a line for each step with its fields, and no key or key hash anywhere.
/// </summary>
public sealed class LifecycleLogTests
{
    private const string Tenant = "acme";
    private const string Deleted = "gone";
    private static readonly string AdminKey = "lifecycle-admin-" + Guid.NewGuid().ToString("n");

    [Fact]
    public async Task A_busy_life_logs_each_lifecycle_step_with_its_fields_and_never_a_key()
    {
        using var dir = new TempDataDir();
        var secrets = new List<string> { AdminKey };
        string firstKeyId, issuedKeyId, backupId;
        IReadOnlyList<StructuredLog> first;
        await using (var host = await StartAsync(dir.Path))
        {
            using var admin = Client(host.Address, AdminKey);
            var created = await Json(await admin.PostAsJsonAsync("/v1/tenants", new { id = Tenant }), HttpStatusCode.Created);
            firstKeyId = created["keyId"]!.GetValue<string>();
            var key = created["apiKey"]!.GetValue<string>();
            var issued = await Json(await admin.PostAsync($"/v1/tenants/{Tenant}/keys", null), HttpStatusCode.Created);
            issuedKeyId = issued["keyId"]!.GetValue<string>();
            secrets.Add(key);
            secrets.Add(issued["apiKey"]!.GetValue<string>());
            var gone = await Json(await admin.PostAsJsonAsync("/v1/tenants", new { id = Deleted }), HttpStatusCode.Created);
            secrets.Add(gone["apiKey"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/{Deleted}")).StatusCode);

            using var client = Client(host.Address, key);
            await ApiClient.DeployAsync(client, Tenant, Workflows);
            using (var garbage = new ByteArrayContent("not an assembly"u8.ToArray()))
            {
                garbage.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostAsync($"/v1/tenants/{Tenant}/deployments", garbage)).StatusCode);
            }

            await ApiClient.CreateAsync(client, Tenant, "declined", null, "boom");
            await ApiClient.WaitForStatusAsync(client, Tenant, "boom", "errored");
            await ApiClient.CreateAsync(client, Tenant, "nap", null, "napper");
            await ApiClient.WaitForStatusAsync(client, Tenant, "napper", "waiting");

            backupId = (await Json(await admin.PostAsync($"/v1/tenants/{Tenant}/backups", null), HttpStatusCode.Created))["id"]!.GetValue<string>();
            await Json(await admin.PostAsync($"/v1/tenants/{Tenant}/restore?backup={backupId}", null), HttpStatusCode.OK);
            Assert.False((await BackupApi.PostRestoreAsync(admin, Tenant, "not a zip"u8.ToArray())).IsSuccessStatusCode);
            first = host.Logs.Entries;
        }

        IReadOnlyList<StructuredLog> second;
        await using (var restarted = await StartAsync(dir.Path))
        {
            second = await Eventually.Until(() => restarted.Logs.Entries, e => e.Any(l => l.EventId == EventIds.NodeRecovered),
                "the recovery summary of the restarted host");
        }

        var forbidden = secrets.Concat(secrets.Select(ApiKeys.Hash)).ToList();
        foreach (var line in first.Concat(second))
        {
            foreach (var text in line.RenderedFields.Prepend(line.Message))
            {
                Assert.DoesNotContain(forbidden, secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
            }
        }

        var options = One(first, EventIds.OptionsInEffect);
        Assert.Equal((Path.GetFullPath(dir.Path), "True"), (options.Field("DataDir"), options.Field("AdminKeySet")));
        Assert.StartsWith("http://127.0.0.1:", options.Field("Urls"), StringComparison.Ordinal);
        Assert.Equal("1000", One(first, EventIds.LimitsInEffect).Field("MaxConcurrentInstancesPerTenant"));

        Assert.Equal((Tenant, firstKeyId), Fields(One(first, EventIds.TenantCreated, Tenant), "Tenant", "KeyId"));
        Assert.Equal((Tenant, issuedKeyId), Fields(One(first, EventIds.KeyIssued), "Tenant", "KeyId"));
        Assert.Equal(Deleted, One(first, EventIds.TenantDeleted).Field("Tenant"));

        var accepted = One(first, EventIds.DeploymentAccepted);
        Assert.Equal((Tenant, "1"), Fields(accepted, "Tenant", "Version"));
        Assert.Equal("declined, nap", accepted.Field("Workflows"));
        var refused = One(first, EventIds.DeploymentRefused);
        Assert.Equal((LogLevel.Warning, Tenant, "NotPortableExecutable"), (refused.Level, refused.Field("Tenant"), refused.Field("ProblemCodes")));

        var errored = One(first, EventIds.InstanceErrored);
        Assert.Equal((LogLevel.Warning, Tenant, "boom"), (errored.Level, errored.Field("Tenant"), errored.Field("InstanceId")));
        Assert.Equal(("InvalidOperationException", "card declined"), Fields(errored, "ErrorType", "ErrorMessage"));
        Assert.Contains(first, l => l.EventId == EventIds.VersionLoaded && l.Field("Tenant") == Tenant && l.Field("Version") == "1");
        Assert.Contains(first, l => l.EventId == EventIds.VersionUnloaded && l.Field("Tenant") == Tenant && l.Field("Version") == "1");

        Assert.Equal((Tenant, "1"), Fields(Assert.Single(first, l => l.EventId == EventIds.BackupWritten), "Tenant", "Versions"));
        Assert.Equal((Tenant, backupId), Fields(One(first, EventIds.BackupStored), "Tenant", "BackupId"));
        Assert.Equal(2, first.Count(l => l.EventId == EventIds.RestoreStarted && l.Field("Tenant") == Tenant));
        Assert.Equal("2", One(first, EventIds.RestoreVerified).Field("Instances"));
        Assert.Equal(Tenant, One(first, EventIds.TenantRestored).Field("Tenant"));
        Assert.Equal(Tenant, One(first, EventIds.RestoreRefused).Field("Tenant"));

        // Restarted over the same data: the sleeping instance's timer is armed again, nothing else was unfinished.
        var recovered = One(second, EventIds.NodeRecovered);
        Assert.Equal((LogLevel.Information, "0", "1", "1"),
            (recovered.Level, recovered.Field("Instances"), recovered.Field("Timers"), recovered.Field("Tenants")));
        var tenantRecovered = One(second, EventIds.TenantRecovered);
        Assert.Equal((LogLevel.Debug, Tenant, "1"), (tenantRecovered.Level, tenantRecovered.Field("Tenant"), tenantRecovered.Field("Timers")));
    }

    private static StructuredLog One(IReadOnlyList<StructuredLog> logs, int eventId, string? tenant = null) =>
        Assert.Single(logs, l => l.EventId == eventId && (tenant is null || l.Field("Tenant") == tenant));

    private static (string?, string?) Fields(StructuredLog line, string a, string b) => (line.Field(a), line.Field(b));

    private static async Task<JsonObject> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ApiClient.EnsureAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<RunningHost> StartAsync(string dataDir)
    {
        var app = SkeinHost.Create([
            "--urls=http://127.0.0.1:0",
            $"--Skein:DataDir={dataDir}",
            $"--Skein:AdminKey={AdminKey}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Skein=Debug",
        ]);
        var logs = RecordingLoggerProvider.On(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, logs, new Uri(address));
    }

    private sealed record RunningHost(WebApplication App, RecordingLoggerProvider Logs, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private static readonly byte[] Workflows = TestAssemblies.Compile("Lifecycle.Tenant", """
        namespace Lifecycle;

        [Workflow("declined")]
        public sealed class DeclinedWorkflow : Workflow<object?, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
            {
                await step.Do("charge", new StepConfig { Retries = RetryPolicy.None },
                    _ => Task.FromException<string>(new InvalidOperationException("card declined")));
                return "charged";
            }
        }

        [Workflow("nap")]
        public sealed class NapWorkflow : Workflow<object?, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
            {
                await step.Sleep("nap", TimeSpan.FromHours(1));
                return "rested";
            }
        }
        """);
}
