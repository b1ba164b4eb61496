using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// A tenant with something behind every route parameter — two deployment versions (1 pinned by a waiting instance,
/// 2 active), a waiting instance, a finished one whose output holds a secret, a second key, a stored backup — and a
/// snapshot of everything an intruder could change.
/// </summary>
internal sealed class VictimTenant
{
    public const string Workflow = "pinned";
    public const string Waiting = "waits";
    public const string EventType = "go";
    public const string TriggerPath = "pinned/k-1";

    private VictimTenant(string id, HttpClient client, string secret, string keyId, string backupId)
    {
        Id = id;
        Client = client;
        Secret = secret;
        KeyId = keyId;
        BackupId = backupId;
    }

    public string Id { get; }

    /// <summary>The tenant's own key.</summary>
    public HttpClient Client { get; }

    /// <summary>Written into a finished instance's output: no answer to anyone else may hold it.</summary>
    public string Secret { get; }

    public string KeyId { get; }

    public string BackupId { get; }

    /// <summary>Things of this tenant no other caller may see in any answer.</summary>
    public IEnumerable<string> PrivateData => [Secret, KeyId, BackupId];

    public static async Task<VictimTenant> CreateAsync(HostFixture host)
    {
        var id = $"victim-{Guid.NewGuid():n}"[..30];
        using var admin = host.Client();
        var created = await admin.PostAsJsonAsync("/v1/tenants", new { id });
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var client = host.Client(body["apiKey"]!.GetValue<string>());

        await ApiClient.DeployAsync(client, id, VersionedWorkflow.Build(1));
        var secret = $"secret-{Guid.NewGuid():n}";
        await ApiClient.CreateAsync(client, id, Workflow, 1, "answered");
        await ApiClient.CreateAsync(client, id, Workflow, 1, Waiting);
        await ApiClient.SendEventAsync(client, id, "answered", EventType, new { who = secret });
        await ApiClient.WaitForStatusAsync(client, id, "answered", "complete");
        await ApiClient.WaitForStatusAsync(client, id, Waiting, "waiting");
        await ApiClient.DeployAsync(client, id, VersionedWorkflow.Build(2));
        var backup = await admin.PostAsync($"/v1/tenants/{id}/backups", null);
        await ApiClient.EnsureAsync(backup, HttpStatusCode.Created);
        var backupId = (await backup.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        return new VictimTenant(id, client, secret, body["keyId"]!.GetValue<string>(), backupId);
    }

    /// <summary>The value for a route parameter of <paramref name="endpoint"/>, pointing at something this tenant has.</summary>
    public string? ValueFor(MappedEndpoint endpoint, string parameter) => parameter switch
    {
        "tenant" => Id,
        "id" when endpoint.Path.Contains("/backups/", StringComparison.Ordinal) => BackupId,
        "id" when endpoint.Path.Contains("/schedules/", StringComparison.Ordinal) => "nightly",
        "id" => Waiting,
        "version" => "1",
        "workflow" => Workflow,
        "type" => EventType,
        "path" => TriggerPath,
        "keyId" => KeyId,
        "documentName" => "v1",
        _ => null,
    };

    /// <summary>Everything about the tenant an intruder could change, read with the admin key.</summary>
    public static async Task<IReadOnlyList<string>> SnapshotAsync(HostFixture host, string tenant)
    {
        using var admin = host.Client();
        var parts = new List<string>();
        foreach (var path in new[] { "", "/deployments", "/keys", "/backups", "/workflows" })
        {
            parts.Add($"{path}: {await admin.GetStringAsync($"/v1/tenants/{tenant}{path}")}");
        }

        var page = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances?limit=1000"))!;
        parts.Add($"instances: {page.ToJsonString()}");
        foreach (var item in page["items"]!.AsArray())
        {
            var instance = item!["id"]!.GetValue<string>();
            parts.Add($"{instance}: {await admin.GetStringAsync($"/v1/tenants/{tenant}/instances/{instance}")}");
        }

        return parts;
    }
}
