using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

public sealed class InstanceStatusTests
{
    [Fact]
    public void Complete_errored_and_terminated_are_the_finished_statuses()
    {
        Assert.Equal(["complete", "errored", "terminated"], InstanceStatus.All.Where(InstanceStatus.IsFinished).Select(s => s.Name));
        Assert.Equal(["queued", "running", "paused", "waitingForPause", "waiting", "complete", "errored", "terminated"], InstanceStatus.All.Select(s => s.Name));
    }

    [Fact]
    public void Statuses_and_step_kinds_are_stored_under_the_names_every_shipped_log_holds()
    {
        Assert.Equal(["queued", "running", "paused", "waitingForPause", "waiting", "complete", "errored", "terminated"],
            InstanceStatus.All.Select(StoredNames.Name));
        Assert.Equal(["step", "sleep", "waitForEvent", "childWorkflow"], Enum.GetValues<StepKind>().Select(StoredNames.Name));
        Assert.Equal(["retrying", "complete", "errored", "waiting", "timedOut", "terminated"], Enum.GetValues<StepStatus>().Select(StoredNames.Name));
        Assert.All(InstanceStatus.All, s => Assert.Equal(s, StoredNames.ToInstanceStatus(StoredNames.Name(s))));
        Assert.All(Enum.GetValues<StepStatus>(), s => Assert.Equal(s, StoredNames.ToStepStatus(StoredNames.Name(s))));
        Assert.All(Enum.GetValues<StepKind>(), k => Assert.Equal(k, StoredNames.ToStepKind(StoredNames.Name(k))));
    }

    [Fact]
    public void Step_kinds_and_statuses_have_the_names_messages_and_describe_show()
    {
        Assert.Equal(["step", "sleep", "waitForEvent", "childWorkflow"], Enum.GetValues<StepKind>().Select(k => k.Name));
        Assert.Equal(["retrying", "complete", "errored", "waiting", "timedOut", "terminated"], Enum.GetValues<StepStatus>().Select(s => s.Name));
    }

    [Fact]
    public void A_stored_name_this_build_does_not_know_is_refused_with_the_name()
    {
        var error = Assert.Throws<InvalidDataException>(() => StoredNames.ToInstanceStatus("archived"));

        Assert.Equal("The log holds the instance status 'archived', which this Skein does not know.", error.Message);
    }

    [Fact]
    public void A_status_is_parsed_from_its_design_name_only()
    {
        Assert.True(InstanceStatus.TryParse("waitingForPause", out var status));
        Assert.Equal(InstanceStatus.WaitingForPause, status);
        Assert.False(InstanceStatus.TryParse("WaitingForPause", out _));
        Assert.False(InstanceStatus.TryParse("deleted", out _));
    }
}
