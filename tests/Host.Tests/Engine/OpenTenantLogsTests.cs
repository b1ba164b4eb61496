using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class OpenTenantLogsTests
{
    private const int Cap = 16;

    // An open log holds a writer connection and pooled read connections, three descriptors each (db, -wal, -shm).
    private const int MaxDescriptorsPerOpenLog = 6;

    [Fact]
    public async Task Three_hundred_tenants_each_touched_once_keep_descriptors_bounded_by_the_open_log_cap()
    {
        using var t = new TestEngine(new EngineOptions { MaxOpenTenantLogs = Cap }, typeof(ThreeSteps));
        var ids = new Dictionary<string, string>();
        for (var i = 0; i < 300; i++)
        {
            var tenant = $"fd-{i:D3}";
            t.Runtimes.AddTenant(tenant);
            var created = await t.Engine.CreateAsync(tenant, "three-steps", "i-" + Guid.NewGuid().ToString("n"), null);
            await t.Engine.WaitForStatusAsync(tenant, created.Id, s => s == InstanceStatus.Complete, CancellationToken.None);
            ids[tenant] = created.Id;
        }

        var open = OpenDescriptorsUnder(Path.Combine(t.DataDir, "tenants"));
        Assert.True(open <= Cap * MaxDescriptorsPerOpenLog,
            $"{open} descriptors are open on tenant logs; at most {Cap * MaxDescriptorsPerOpenLog} expected with {Cap} open logs.");
        Assert.True(t.Runtimes.OpenLogs.Count <= Cap, $"{t.Runtimes.OpenLogs.Count} logs are open; the cap is {Cap}.");

        // A closed log reopens on demand: its history is there and it takes new instances.
        Assert.Equal(InstanceStatus.Complete, t.Engine.Describe("fd-000", ids["fd-000"])!.Instance.Status);
        var again = await t.Engine.CreateAsync("fd-000", "three-steps", "i-" + Guid.NewGuid().ToString("n"), null);
        Assert.Equal(InstanceStatus.Complete, await t.Engine.WaitForStatusAsync("fd-000", again.Id, s => s == InstanceStatus.Complete, CancellationToken.None));
    }

    private static int OpenDescriptorsUnder(string folder) =>
        OpenDescriptors.Count(target => target.StartsWith(folder, StringComparison.Ordinal));
}
