using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Host.FunctionalTests.Backup;
using Skein.Tests.Common;
using Xunit.Abstractions;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// What kill -9 cannot show: a power cut, which loses everything the disk was not made to keep. A real host runs
/// under powerloss-shim.c, which records every change to the files and folders of its data folder; the client notes
/// each answer it got (tenant, deployment, every create's 201, every step describe showed complete, a restore of the
/// tenant as a copy) with how far the record was at that moment. Then, for cuts right after the deployment's 201 and
/// the restore's 200 and cuts at random records, the folder is rebuilt as the cut leaves it (each file as of its last
/// fsync, each new name only if its folder was fsynced after), a host starts on that image, and everything
/// acknowledged before the cut must be there, unchanged, in a consistent log; deployments byte for byte, and runnable.
/// </summary>
public sealed class PowerLossTests(ITestOutputHelper output)
{
    private const string Tenant = "pl";
    private const string Restored = "pl-restored";
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

        // Right after the deployment's 201 or the restore's 200 nothing later can have made their files durable by chance.
        int RightAfter(string what) => recording.Records.Count(r => r.End <= acks.Single(a => a.What == what).RecordedBefore);
        var firstStep = acks.First(a => a.What == "step").RecordedBefore;
        var candidates = Enumerable.Range(1, recording.Records.Count).Where(n => recording.Records[n - 1].End >= firstStep).ToList();
        var random = new Random(seed);
        var cuts = Enumerable.Range(2, Cuts - 2).Select(_ => candidates[random.Next(candidates.Count)])
            .Append(RightAfter("deployment")).Append(RightAfter("restore")).Order().ToList();

        string Deployments(string tenant) => Path.Combine(dataDir, "tenants", tenant, "deployments");
        var problems = new List<string>();
        foreach (var (index, cut) in cuts.Index())
        {
            // By index: two random cuts may land on the same record, and a host has run on the first image.
            var image = Path.Combine(dir.Path, $"cut-{index}-{cut}");
            var cutAt = recording.Records[cut - 1].End;
            var name = $"cut after record {cut} (byte {cutAt})";
            // Heard before the next record was whole: every call it waited for had returned, so its record is in.
            var next = cut < recording.Records.Count ? recording.Records[cut].End : long.MaxValue;
            var due = acks.Where(a => a.RecordedBefore < next).ToList();
            var files = recording.ImageAfter(dataDir, cut);
            PowerLossFiles.Write(files, dataDir, image);
            var complete = due.Select(a => a.What).Intersect(["deployment", "restore"]).Select(w => Deployments(w == "restore" ? Restored : Tenant));
            problems.AddRange(written.ProblemsIn(files, complete).Select(p => $"{name}: {p}"));
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

        // A restore writes the tenant's files itself, outside SQLite: the archive's files extracted, then flushed.
        await BackupApi.RestoreAsync(admin, Tenant, await BackupApi.BackupAsync(admin, Tenant), Restored);
        acks.Add(new Acknowledgement("restore", null, null, null, Recorded()));
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
        foreach (var database in new[] { "catalog.db", Path.Combine("tenants", Tenant, "log.db"), Path.Combine("tenants", Restored, "log.db") })
        {
            if (File.Exists(Path.Combine(image, database)))
            {
                var verdict = PowerLossHostCheck.IntegrityCheckOfCopy(Path.Combine(image, database));
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
        async Task<JsonObject?> DescribeAsync(string tenant, string id) =>
            described.TryGetValue($"{tenant}/{id}", out var known) ? known
            : described[$"{tenant}/{id}"] = await PowerLossHostCheck.DescribeOrNullAsync(admin, tenant, id);

        // The backup was taken once every step was done: the restored copy must hold every one of them, and run.
        async Task<string?> RestoredProblemAsync()
        {
            if (await PowerLossHostCheck.DeployedProblemAsync(admin, Restored) is { } notRunnable)
            {
                return $"in the restored tenant, {notRunnable}";
            }

            foreach (var original in due.Where(a => a.Instance is not null))
            {
                if (PowerLossHostCheck.StepProblem(original, await DescribeAsync(Restored, original.Instance!)) is { } problem)
                {
                    return $"in the restored tenant, {original}: {problem}";
                }
            }

            return null;
        }

        foreach (var ack in due)
        {
            var problem = ack.What switch
            {
                "tenant" => await admin.GetAsync($"/v1/tenants/{Tenant}") is { StatusCode: HttpStatusCode.OK } ? null : "the tenant is gone",
                "deployment" => await PowerLossHostCheck.DeployedProblemAsync(admin, Tenant),
                "restore" => await RestoredProblemAsync(),
                _ => PowerLossHostCheck.StepProblem(ack, await DescribeAsync(Tenant, ack.Instance!)),
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
}
