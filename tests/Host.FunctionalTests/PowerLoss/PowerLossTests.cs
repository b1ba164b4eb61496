using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Skein.Host.FunctionalTests.Backup;
using Skein.Tests.Common;
using Xunit.Abstractions;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// What kill -9 cannot show: a power cut, which loses everything the disk was not made to keep. A real host runs
/// under powerloss-shim.c, which records every change to the files and folders of its data folder; the client notes
/// each answer it got (tenant, deployment, every create's 201, every step describe showed complete) with how far the
/// record was at that moment. Then, for a cut right after the deployment's 201 and cuts at random records, the folder
/// is rebuilt as the cut leaves it (each file as of its last fsync, each new name only if its folder was fsynced
/// after), a host starts on that image, and everything acknowledged before the cut must be there, unchanged, in a
/// consistent log; the deployment byte for byte, and runnable.
/// </summary>
public sealed class PowerLossTests(ITestOutputHelper output)
{
    private const string Tenant = "pl";
    private const int Instances = 10;
    private const int StepsPerInstance = 12;
    private const int Cuts = 4;

    [LinuxFact]
    public async Task Power_cut_at_random_moments_keeps_everything_the_client_was_told_is_done()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(dataDir);
        var recordFile = Path.Combine(dir.Path, "writes.bin");
        var seed = Environment.GetEnvironmentVariable("SKEIN_POWERLOSS_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set SKEIN_POWERLOSS_SEED to repeat the cuts)");

        var acks = await RecordRunAsync(dataDir, recordFile);
        var recording = PowerLossRecording.Read(recordFile);
        output.WriteLine($"{recording.Records.Count} records ({recording.Records.Count(r => r.Op == PowerLossOp.Sync)} syncs), {acks.Count} acknowledgements");
        var written = PowerLossFiles.Read(dataDir);
        AssertRecordIsComplete(recording, dataDir, written);

        // Right after the deployment's 201 nothing later can have made its folder durable by chance.
        var deployed = acks.Single(a => a.What == "deployment").RecordedBefore;
        var afterDeployment = recording.Records.Count(r => r.End <= deployed);
        var firstStep = acks.First(a => a.What == "step").RecordedBefore;
        var candidates = Enumerable.Range(1, recording.Records.Count).Where(n => recording.Records[n - 1].End >= firstStep).ToList();
        var random = new Random(seed);
        var cuts = Enumerable.Range(1, Cuts - 1).Select(_ => candidates[random.Next(candidates.Count)]).Prepend(afterDeployment).Order().ToList();

        var deploymentFolder = Path.Combine(dataDir, "tenants", Tenant, "deployments", "1");
        var problems = new List<string>();
        foreach (var cut in cuts)
        {
            var image = Path.Combine(dir.Path, $"cut-{cut}");
            var cutAt = recording.Records[cut - 1].End;
            var name = $"cut after record {cut} (byte {cutAt})";
            // Heard before the next record was whole: every call it waited for had returned, so its record is in.
            var next = cut < recording.Records.Count ? recording.Records[cut].End : long.MaxValue;
            var due = acks.Where(a => a.RecordedBefore < next).ToList();
            var files = recording.ImageAfter(dataDir, cut);
            PowerLossFiles.Write(files, dataDir, image);
            problems.AddRange(written.ProblemsIn(files, deploymentFolder, due.Any(a => a.What == "deployment")).Select(p => $"{name}: {p}"));
            var found = await CheckImageAsync(image, due, problems, name);
            output.WriteLine($"cut after record {cut} of {recording.Records.Count}: {found} of {due.Count} acknowledgements due were there");
        }

        Assert.True(problems.Count == 0, $"seed {seed}: {problems.Count} problems:\n{string.Join('\n', problems.Take(40))}");
    }

    /// <summary>Runs the host under the shim while a client creates instances and watches their steps; returns what it was told.</summary>
    private async Task<List<Acknowledgement>> RecordRunAsync(string dataDir, string recordFile)
    {
        var acks = new List<Acknowledgement>();
        long Recorded() => new FileInfo(recordFile) is { Exists: true } f ? f.Length : 0;
        var environment = PowerLossShim.Environment(dataDir, recordFile);
        using var node = await NodeProcess.StartAsync(dataDir, environment);
        using var admin = node.Client();

        await ApiClient.EnsureAsync(await admin.PostAsJsonAsync("/v1/tenants", new { id = Tenant }), HttpStatusCode.Created);
        acks.Add(new Acknowledgement("tenant", null, null, null, Recorded()));
        await ApiClient.DeployAsync(admin, Tenant, PowerLossWorkflow.Build());
        acks.Add(new Acknowledgement("deployment", null, null, null, Recorded()));

        var ids = Enumerable.Range(0, Instances).Select(i => string.Create(CultureInfo.InvariantCulture, $"p-{i:D2}")).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var created = new List<string>();
        foreach (var id in ids)
        {
            var response = await admin.PostAsJsonAsync($"/v1/tenants/{Tenant}/workflows/{PowerLossWorkflow.Name}/instances", new { id, @params = StepsPerInstance });
            await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
            acks.Add(new Acknowledgement("create", id, null, null, Recorded()));
            created.Add(id);
            await WatchAsync(admin, created, seen, acks, Recorded);
        }

        await Eventually.UntilAsync(() => WatchAsync(admin, created, seen, acks, Recorded),
            complete => complete == Instances, "every instance to complete under the shim", TimeSpan.FromMinutes(3));
        await node.KillAsync();
        return acks;
    }

    /// <summary>Describes every instance once, noting each step seen complete for the first time; returns how many instances are complete.</summary>
    private static async Task<int> WatchAsync(HttpClient client, List<string> ids, HashSet<string> seen, List<Acknowledgement> acks, Func<long> recorded)
    {
        var complete = 0;
        foreach (var id in ids)
        {
            var describe = await ApiClient.DescribeAsync(client, Tenant, id);
            var at = recorded();
            foreach (var step in describe["steps"]!.AsArray().Select(s => s!.AsObject()))
            {
                var key = $"{id} {step["name"]!.GetValue<string>()}#{step["count"]!.GetValue<int>()}";
                if (step["status"]?.GetValue<string>() == "complete" && seen.Add(key))
                {
                    acks.Add(new Acknowledgement("step", id, key[(id.Length + 1)..], step["output"]!.ToJsonString(), at));
                }
            }

            complete += describe["status"]!.GetValue<string>() == "complete" ? 1 : 0;
        }

        return complete;
    }

    /// <summary>
    /// The shim saw every change: replaying all its records, synced or not, gives exactly the files and folders the
    /// host left (the page cache survives kill -9). A change it missed would make the rebuilt images wrong, and fail here.
    /// </summary>
    private static void AssertRecordIsComplete(PowerLossRecording recording, string dataDir, PowerLossFiles written)
    {
        Assert.Contains(recording.Records, r => r.Op == PowerLossOp.Sync);
        Assert.Contains(recording.Records, r => r.Op == PowerLossOp.Rename);
        var replayed = recording.ImageAfter(dataDir, recording.Records.Count, unsynced: true);
        Assert.Equal(written.Folders, replayed.Folders);
        Assert.Equal(written.Files.Keys.Order(StringComparer.Ordinal), replayed.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in written.Files)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(replayed.Files[path]),
                $"{path}: the record rebuilds {replayed.Files[path].Length} bytes, the file has {bytes.Length}; the shim missed a write");
        }
    }

    /// <summary>Checks the image's files with SQLite, then starts a host on it and asks it for each acknowledgement; returns how many held.</summary>
    private static async Task<int> CheckImageAsync(string image, List<Acknowledgement> due, List<string> problems, string cut)
    {
        foreach (var database in new[] { "catalog.db", Path.Combine("tenants", Tenant, "log.db") })
        {
            if (File.Exists(Path.Combine(image, database)))
            {
                var verdict = IntegrityCheckOfCopy(Path.Combine(image, database));
                if (verdict != "ok")
                {
                    problems.Add($"{cut}: {database} fails integrity_check: {verdict}");
                }
            }
        }

        using var node = await NodeProcess.StartAsync(image);
        using var admin = node.Client();
        var found = 0;
        var described = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        foreach (var ack in due)
        {
            var problem = ack.What switch
            {
                "tenant" => await admin.GetAsync($"/v1/tenants/{Tenant}") is { StatusCode: HttpStatusCode.OK } ? null : "the tenant is gone",
                "deployment" => await HasVersionOneAsync(admin) ? await RunProblemAsync(admin) : "deployment version 1 is gone",
                _ => StepProblem(ack, described.TryGetValue(ack.Instance!, out var d) ? d : described[ack.Instance!] = await DescribeOrNullAsync(admin, ack.Instance!)),
            };
            if (problem is null)
            {
                found++;
            }
            else
            {
                problems.Add($"{cut}: {ack} was acknowledged, but after the cut {problem}");
            }
        }

        await node.KillAsync();
        return found;
    }

    private static string? StepProblem(Acknowledgement ack, JsonObject? describe)
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

    private static async Task<JsonObject?> DescribeOrNullAsync(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/v1/tenants/{Tenant}/instances/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Whether the deployment loads: an instance started on the image runs to completion.</summary>
    private static async Task<string?> RunProblemAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync($"/v1/tenants/{Tenant}/workflows/{PowerLossWorkflow.Name}/instances", new { id = "after-cut", @params = 1 });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return $"an instance of it cannot start: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        var ended = await Eventually.UntilAsync(() => ApiClient.DescribeAsync(client, Tenant, "after-cut"),
            d => d["status"]!.GetValue<string>() is not ("queued" or "running"), "the instance started after the cut to end");
        return ended["status"]!.GetValue<string>() == "complete" ? null : $"an instance of it ended {ended.ToJsonString()}";
    }

    private static async Task<bool> HasVersionOneAsync(HttpClient client)
    {
        var response = await client.GetAsync($"/v1/tenants/{Tenant}/deployments");
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"version\":1", StringComparison.Ordinal);
    }

    /// <summary><c>PRAGMA integrity_check</c> on a copy, so the check's own WAL recovery does not change the image the host starts on.</summary>
    private static string IntegrityCheckOfCopy(string database)
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
