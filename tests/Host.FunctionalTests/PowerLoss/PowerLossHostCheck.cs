using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>What the power-loss test asks of a rebuilt image: SQLite's verdict on a file, and the host's answers.</summary>
internal static class PowerLossHostCheck
{
    public static string? StepProblem(Acknowledgement ack, JsonObject? describe)
    {
        if (describe is null)
        {
            return "the instance is gone";
        }

        if (ack.What == "create")
        {
            return null;
        }

        var step = describe["steps"]!.AsArray().Select(s => s!.AsObject())
            .FirstOrDefault(s => $"{s["name"]!.GetValue<string>()}#{s["count"]!.GetValue<int>()}" == ack.Step);
        return step is null ? "the step is not in the log"
            : step["status"]?.GetValue<string>() != "complete" ? $"the step is {step["status"]}"
            : step["output"]!.ToJsonString() != ack.Output ? $"the step ran again and returned {step["output"]!.ToJsonString()}"
            : null;
    }

    public static async Task<JsonObject?> DescribeOrNullAsync(HttpClient client, string tenant, string id)
    {
        var response = await client.GetAsync($"/v1/tenants/{tenant}/instances/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>What is wrong with the tenant's deployment: not listed, or it does not load (an instance of it does not run to completion).</summary>
    public static async Task<string?> DeployedProblemAsync(HttpClient client, string tenant)
    {
        var listed = await client.GetAsync($"/v1/tenants/{tenant}/deployments");
        if (!listed.IsSuccessStatusCode || !(await listed.Content.ReadAsStringAsync()).Contains("\"version\":1", StringComparison.Ordinal))
        {
            return "deployment version 1 is gone";
        }

        var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/{PowerLossWorkflow.Name}/instances", new { id = "after-cut", @params = 1 });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return $"an instance of it cannot start: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        var ended = await Eventually.UntilAsync(() => ApiClient.DescribeAsync(client, tenant, "after-cut"),
            d => d["status"]!.GetValue<string>() is not ("queued" or "running"), "the instance started after the cut to end");
        return ended["status"]!.GetValue<string>() == "complete" ? null : $"an instance of it ended {ended.ToJsonString()}";
    }

    /// <summary><c>PRAGMA integrity_check</c> on a copy, so the check's own WAL recovery does not change the image the host starts on.</summary>
    public static string IntegrityCheckOfCopy(string database)
    {
        var copy = Path.Combine(Path.GetTempPath(), "skein-tests", "check-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(copy);
        try
        {
            foreach (var suffix in new[] { "", "-wal", "-journal" })
            {
                if (File.Exists(database + suffix))
                {
                    File.Copy(database + suffix, Path.Combine(copy, "check.db" + suffix));
                }
            }

            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(copy, "check.db"), Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("; ", lines);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
