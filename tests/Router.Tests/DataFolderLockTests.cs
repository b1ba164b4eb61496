using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests;

/// <summary>Two real router processes on one <c>Router:DataDir</c>: the second exits at once; a SIGKILL frees the folder.</summary>
public sealed class DataFolderLockTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_second_router_on_the_same_data_folder_exits_with_code_2_naming_the_folder_and_the_holder()
    {
        using var data = new TempDataDir();
        using var first = await ServerProcess.StartAsync(BuildOutputs.RouterDll, Arguments(data.Path));

        using (var second = ServerProcess.Start(BuildOutputs.RouterDll, Arguments(data.Path)))
        {
            Assert.Equal(2, await second.WaitForExitAsync(Deadline));
            Assert.Contains($"The data folder '{data.Path}' is in use by another Skein router (pid {first.Id} on host {Environment.MachineName}",
                second.Output, StringComparison.Ordinal);
            Assert.Contains("give this one another --Router:DataDir", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening on", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal);
        }

        // The first router kept serving.
        using (var client = new HttpClient { BaseAddress = first.Address })
        {
            Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);
        }

        await first.KillAsync();
        using var third = await ServerProcess.StartAsync(BuildOutputs.RouterDll, Arguments(data.Path));
        Assert.Contains($"pid {third.Id} ", await File.ReadAllTextAsync(Path.Combine(data.Path, "skein.lock.owner")), StringComparison.Ordinal);
    }

    private static string[] Arguments(string dataDir) =>
    [
        "--urls=http://127.0.0.1:0",
        $"--Router:DataDir={dataDir}",
        "--Router:AdminKey=lock-test-admin-key-0123456789",
        // Nothing listens there: the router starts all the same, its node unhealthy.
        "--Router:Nodes:0:Id=a", "--Router:Nodes:0:Url=http://127.0.0.1:9",
    ];
}
