using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// JSON whose text is not Unicode (an escaped unpaired surrogate, invalid UTF-8 bytes) is refused with 400 before
/// anything is stored, on every endpoint that takes JSON; and text already stored never makes a read fail.
/// </summary>
public sealed class InvalidTextTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string LoneSurrogate = """{"text":"ok","extra":"\ud800"}""";

    private static readonly byte[] InvalidUtf8 = [.. """{"params":{"text":"ok"""u8, 0xC3, 0x28, .. "\"}}"u8];

    private async Task<(string Tenant, HttpClient Client)> TenantAsync()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "text");
        await ApiClient.DeployAsync(client, tenant, InvoiceWorkflow.Build());
        return (tenant, client);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<int> CountAsync(HttpClient client, string tenant) =>
        (await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances"))!["items"]!.AsArray().Count;

    [Fact]
    public async Task A_create_with_an_escaped_unpaired_surrogate_is_refused_and_creates_nothing()
    {
        var (tenant, client) = await TenantAsync();

        var response = await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances", Json("""{"id":"cut","params":""" + LoneSurrogate + "}"));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("urn:skein:problem:invalid-request", problem["type"]!.GetValue<string>());
        Assert.Contains("unpaired surrogate", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ApiClient.ProblemAsync(await client.GetAsync($"/v1/tenants/{tenant}/instances/cut"), HttpStatusCode.NotFound);
        Assert.Equal(0, await CountAsync(client, tenant));
    }

    [Fact]
    public async Task A_create_with_invalid_UTF8_bytes_is_refused_and_creates_nothing()
    {
        var (tenant, client) = await TenantAsync();

        var response = await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances", Bytes(InvalidUtf8));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid UTF-8", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(client, tenant));
    }

    [Fact]
    public async Task Events_whose_text_is_not_Unicode_are_refused_and_the_instance_keeps_waiting()
    {
        var (tenant, client) = await TenantAsync();
        await ApiClient.CreateAsync(client, tenant, "invoice", new { text = "inv" }, "ev");
        await ApiClient.WaitForStatusAsync(client, tenant, "ev", "waiting");

        var surrogate = await client.PostAsync($"/v1/tenants/{tenant}/instances/ev/events/paid", Json("""{"by":"\udc00"}"""));
        var bytes = await client.PostAsync($"/v1/tenants/{tenant}/instances/ev/events/paid", Bytes([.. """{"by":"a"""u8, 0xFF, .. "\"}"u8]));

        await ApiClient.ProblemAsync(surrogate, HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(bytes, HttpStatusCode.BadRequest);
        var described = await ApiClient.DescribeAsync(client, tenant, "ev");
        Assert.Equal("waiting", described["status"]!.GetValue<string>());
        await ApiClient.SendEventAsync(client, tenant, "ev", "paid", new { by = "dee" });
        var done = await ApiClient.WaitForStatusAsync(client, tenant, "ev", "complete");
        Assert.Equal("inv paid by dee", done["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Triggers_batches_and_control_bodies_refuse_text_that_is_not_Unicode()
    {
        var (tenant, client) = await TenantAsync();
        await ApiClient.CreateAsync(client, tenant, "invoice", new { text = "inv" }, "ctl");

        var trigger = await client.PostAsync($"/v1/tenants/{tenant}/run/invoice", Json(LoneSurrogate));
        var batch = await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances/batch",
            Json("""[{"id":"b-1","params":{"text":"fine"}},{"id":"b-2","params":""" + LoneSurrogate + "}]"));
        var restart = await client.PostAsync($"/v1/tenants/{tenant}/instances/ctl/restart", Json("""{"from":{"name":"\ud83d"}}"""));
        var terminate = await client.PostAsync($"/v1/tenants/{tenant}/instances/ctl/terminate", Bytes([.. "{\"rollback\":true,\""u8, 0xFE, .. "\":1}"u8]));
        using var admin = host.Client();
        var limits = await admin.PutAsync($"/v1/tenants/{tenant}/limits", Json("""{"maxPayloadBytes":2048,"note":"\udfff"}"""));
        var newTenant = await admin.PostAsync("/v1/tenants", Json("""{"id":"cut-tenant","limits":{"maxPayloadBytes":2048},"x":"\ud800"}"""));

        foreach (var response in new[] { trigger, batch, restart, terminate, limits, newTenant })
        {
            var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("cannot be accepted", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await CountAsync(client, tenant));
        Assert.Equal("waiting", (await ApiClient.WaitForStatusAsync(client, tenant, "ctl", "waiting"))["status"]!.GetValue<string>());
        await ApiClient.ProblemAsync(await admin.GetAsync("/v1/tenants/cut-tenant"), HttpStatusCode.NotFound);
        var shown = await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}");
        Assert.Null(shown!["limits"]!["maxPayloadBytes"]?.GetValue<int?>());
    }

    [Fact]
    public async Task Text_an_older_build_stored_never_makes_describe_list_stream_or_backup_fail()
    {
        var (tenant, client) = await TenantAsync();
        await ApiClient.CreateAsync(client, tenant, "invoice", new { text = "inv" }, "old");
        await ApiClient.WaitForStatusAsync(client, tenant, "old", "waiting");
        // What a build without the input check stored: escaped unpaired surrogates, and bytes that are not UTF-8.
        WriteLog(tenant, """
            UPDATE instances SET params = '{"text":"ok","extra":"\ud800"}', output = '"\udc00 tail"',
                error_name = 'E', error_message = CAST(X'6F6BEDA080' AS TEXT) WHERE id = 'old';
            UPDATE steps SET output = '["\ud83d"]', error_message = CAST(X'ED' AS TEXT) WHERE instance_id = 'old' AND kind = 'step';
            """);

        var described = await ApiClient.DescribeAsync(client, tenant, "old");
        var page = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances");
        using var stream = await ServerSentEvents.OpenAsync(client, tenant, "old");
        using var firstEventRead = new CancellationTokenSource(Eventually.DefaultDeadline);
        var firstEvent = await stream.NextAsync(firstEventRead.Token);
        using var admin = host.Client();
        var backup = await admin.GetAsync($"/v1/tenants/{tenant}/backup");

        Assert.Equal("ok", described["params"]!["text"]!.GetValue<string>());
        Assert.Equal("\uFFFD", described["params"]!["extra"]!.GetValue<string>());
        Assert.Equal("\uFFFD tail", described["output"]!.GetValue<string>());
        Assert.Equal("\uFFFD", described["steps"]![0]!["output"]![0]!.GetValue<string>());
        Assert.Equal("old", page!["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("\uFFFD", page["items"]![0]!["params"]!["extra"]!.GetValue<string>());
        // The stream does not only open: it sends what the log holds, replaced text and all.
        Assert.NotNull(firstEvent);
        Assert.Equal(HttpStatusCode.OK, backup.StatusCode);

        var archive = await backup.Content.ReadAsByteArrayAsync();
        using var zip = new ByteArrayContent(archive);
        zip.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var restored = await admin.PostAsync($"/v1/tenants/{tenant}/restore?as={tenant}-r", zip);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var copy = await ApiClient.DescribeAsync(admin, $"{tenant}-r", "old");
        Assert.Equal("\uFFFD", copy["params"]!["extra"]!.GetValue<string>());
    }

    private void WriteLog(string tenant, string sql)
    {
        var path = Path.Combine(host.DataDir, "tenants", tenant, "log.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
