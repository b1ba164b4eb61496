using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

public sealed class InstanceStatusTests
{
    [Fact]
    public void Complete_errored_and_terminated_are_the_finished_statuses()
    {
        Assert.Equal(["complete", "errored", "terminated"], InstanceStatus.All.Where(InstanceStatus.IsFinished));
        Assert.Equal(["queued", "running", "paused", "waitingForPause", "waiting", "complete", "errored", "terminated"], InstanceStatus.All);
    }
}
