using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// A demo that cannot be set up stops the real host process with a failing exit code and a logged cause, and never
/// prints the "running" banner or a key: a script or a service manager sees the failure, not a host that looks up.
/// </summary>
public sealed class DemoFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_demo_that_cannot_be_set_up_exits_with_code_1_and_prints_no_banner_and_no_key()
    {
        using var dir = new TempDataDir();
        // The demo's key file, damaged (as a crash or a hand edit could leave it): the demo cannot read its keys.
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "demo.json"), "{\"demo\":");

        using var host = HostProcess.Start(dir.Path, "--Skein:Demo=true");
        var exitCode = await host.WaitForExitAsync(Deadline);

        Assert.Equal(1, exitCode);
        Assert.Contains($"The demo could not be set up in {dir.Path}; the host stops.", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Skein demo is running", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant 'demo':", host.Output, StringComparison.Ordinal);
    }
}
