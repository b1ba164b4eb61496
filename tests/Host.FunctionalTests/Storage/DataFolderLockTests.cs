using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Storage;

/// <summary>Two real host processes on one data folder: the second refuses to start; a SIGKILL frees the folder.</summary>
public sealed class DataFolderLockTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SecondHostOnTheSameFolder_ExitsNamingTheFolderAndTheHolder_AndAKilledHolderFreesIt()
    {
        using var dir = new TempDataDir();
        using var first = HostProcess.Start(dir.Path);
        var address = await first.WaitUntilListeningAsync(Deadline);

        using (var second = HostProcess.Start(dir.Path))
        {
            var exitCode = await second.WaitForExitAsync(Deadline);
            Assert.Equal(3, exitCode);
            Assert.Contains($"The data folder '{dir.Path}' is in use by another Skein host (pid {first.Id} on host {Environment.MachineName}", second.Output);
            Assert.DoesNotContain("Now listening on", second.Output);
        }

        // The first host kept serving.
        using (var client = new HttpClient { BaseAddress = address })
        {
            Assert.True((await client.GetAsync("/readyz")).IsSuccessStatusCode);
        }

        await first.KillAsync(Deadline);
        using var third = HostProcess.Start(dir.Path);
        await third.WaitUntilListeningAsync(Deadline);
        Assert.Contains($"pid {third.Id} ", await File.ReadAllTextAsync(Path.Combine(dir.Path, "skein.lock.owner")));
    }
}
