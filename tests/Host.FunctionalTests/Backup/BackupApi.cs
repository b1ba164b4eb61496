using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>Backup and restore calls over the HTTP API, and a look at a node's files.</summary>
internal static class BackupApi
{
    public static async Task<byte[]> BackupAsync(HttpClient admin, string tenant)
    {
        var response = await admin.GetAsync($"/v1/tenants/{tenant}/backup");
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static Task<HttpResponseMessage> PostRestoreAsync(HttpClient admin, string tenant, byte[] archive, string? @as = null)
    {
        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return admin.PostAsync($"/v1/tenants/{tenant}/restore{(@as is null ? "" : "?as=" + @as)}", content);
    }

    public static async Task<JsonObject> RestoreAsync(HttpClient admin, string tenant, byte[] archive, string? @as = null)
    {
        var response = await PostRestoreAsync(admin, tenant, archive, @as);
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Every instance of the tenant: id → status.</summary>
    public static async Task<Dictionary<string, string>> InstancesAsync(HttpClient client, string tenant)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<JsonObject>(
                $"/v1/tenants/{tenant}/instances?limit=1000{(cursor is null ? "" : "&cursor=" + cursor)}"))!;
            foreach (var item in page["items"]!.AsArray())
            {
                all[item!["id"]!.GetValue<string>()] = item["status"]!.GetValue<string>();
            }

            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>PRAGMA integrity_check of a log file, read without the pool.</summary>
    public static string IntegrityCheck(string logPath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = logPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Sets <c>PRAGMA user_version</c> of a log image and returns the changed image.</summary>
    public static byte[] WithUserVersion(byte[] log, int version)
    {
        var path = Path.Combine(Path.GetTempPath(), $"skein-log-{Guid.NewGuid():n}.db");
        File.WriteAllBytes(path, log);
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA journal_mode=DELETE; PRAGMA user_version = {version};";
                command.ExecuteNonQuery();
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
