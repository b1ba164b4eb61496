using S = Skein.Host.Tests.Engine.Control.ControlStates;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Control;

/// <summary>
/// Every control operation against every state, with Cloudflare Workflows semantics: what the operation returns
/// (a status, or 409 / 404), and how the instance goes on afterwards — a pause settles as <c>paused</c> once nothing
/// is in flight and a resume carries on where it stopped (the next attempt with the next attempt number), a
/// terminate or delete ends it for good, a restart runs it from the start.
/// </summary>
public sealed class ControlMatrixTests
{
    private const string Done = "first#1,last";

    [Theory]
    // Queued (waiting for a concurrency slot).
    [InlineData(S.Queued, "pause", "paused", "complete", Done)]
    [InlineData(S.Queued, "resume", "queued", "complete", Done)]
    [InlineData(S.Queued, "terminate", "terminated", "terminated", "")]
    [InlineData(S.Queued, "restart", "queued", "complete", Done)]
    [InlineData(S.Queued, "delete", "deleted", "deleted", "")]
    // Running: an attempt in flight.
    [InlineData(S.Running, "pause", "waitingForPause", "complete", Done)]
    [InlineData(S.Running, "resume", "running", "complete", Done)]
    [InlineData(S.Running, "terminate", "terminated", "terminated", "first#1")]
    [InlineData(S.Running, "restart", "queued", "complete", "first#1,first#1,last")]
    [InlineData(S.Running, "delete", "deleted", "deleted", "first#1")]
    // Waiting out a retry delay after attempt 1 failed.
    [InlineData(S.RetryDelay, "pause", "waitingForPause", "complete", "first#1,first#2,last")]
    [InlineData(S.RetryDelay, "resume", "running", "complete", "first#1,first#2,last")]
    [InlineData(S.RetryDelay, "terminate", "terminated", "terminated", "first#1")]
    [InlineData(S.RetryDelay, "restart", "queued", "complete", "first#1,first#1,first#2,last")]
    [InlineData(S.RetryDelay, "delete", "deleted", "deleted", "first#1")]
    // Sleeping.
    [InlineData(S.Sleep, "pause", "paused", "complete", Done)]
    [InlineData(S.Sleep, "resume", "waiting", "complete", Done)]
    [InlineData(S.Sleep, "terminate", "terminated", "terminated", "first#1")]
    [InlineData(S.Sleep, "restart", "queued", "complete", "first#1,first#1,last")]
    [InlineData(S.Sleep, "delete", "deleted", "deleted", "first#1")]
    // Waiting for an event.
    [InlineData(S.Event, "pause", "paused", "complete", Done)]
    [InlineData(S.Event, "resume", "waiting", "complete", Done)]
    [InlineData(S.Event, "terminate", "terminated", "terminated", "first#1")]
    [InlineData(S.Event, "restart", "queued", "complete", "first#1,first#1,last")]
    [InlineData(S.Event, "delete", "deleted", "deleted", "first#1")]
    // Waiting for an in-flight attempt before pausing.
    [InlineData(S.WaitingForPause, "pause", "waitingForPause", "complete", Done)]
    [InlineData(S.WaitingForPause, "resume", "running", "complete", Done)]
    [InlineData(S.WaitingForPause, "terminate", "terminated", "terminated", "first#1")]
    [InlineData(S.WaitingForPause, "restart", "queued", "complete", "first#1,first#1,last")]
    [InlineData(S.WaitingForPause, "delete", "deleted", "deleted", "first#1")]
    // Paused.
    [InlineData(S.Paused, "pause", "paused", "complete", Done)]
    [InlineData(S.Paused, "resume", "queued", "complete", Done)]
    [InlineData(S.Paused, "terminate", "terminated", "terminated", "first#1")]
    [InlineData(S.Paused, "restart", "queued", "complete", "first#1,first#1,last")]
    [InlineData(S.Paused, "delete", "deleted", "deleted", "first#1")]
    // Finished: only restart and delete apply.
    [InlineData(S.Complete, "pause", "409", "complete", Done)]
    [InlineData(S.Complete, "resume", "409", "complete", Done)]
    [InlineData(S.Complete, "terminate", "409", "complete", Done)]
    [InlineData(S.Complete, "restart", "queued", "complete", "first#1,last,first#1,last")]
    [InlineData(S.Complete, "delete", "deleted", "deleted", Done)]
    [InlineData(S.Errored, "pause", "409", "errored", "first#1")]
    [InlineData(S.Errored, "resume", "409", "errored", "first#1")]
    [InlineData(S.Errored, "terminate", "409", "errored", "first#1")]
    [InlineData(S.Errored, "restart", "queued", "errored", "first#1,first#1")]
    [InlineData(S.Errored, "delete", "deleted", "deleted", "first#1")]
    [InlineData(S.Terminated, "pause", "409", "terminated", "first#1")]
    [InlineData(S.Terminated, "resume", "409", "terminated", "first#1")]
    [InlineData(S.Terminated, "terminate", "409", "terminated", "first#1")]
    [InlineData(S.Terminated, "restart", "queued", "complete", "first#1,first#1,last")]
    [InlineData(S.Terminated, "delete", "deleted", "deleted", "first#1")]
    // Gone: every operation is a 404.
    [InlineData(S.Deleted, "pause", "404", "deleted", Done)]
    [InlineData(S.Deleted, "resume", "404", "deleted", Done)]
    [InlineData(S.Deleted, "terminate", "404", "deleted", Done)]
    [InlineData(S.Deleted, "restart", "404", "deleted", Done)]
    [InlineData(S.Deleted, "delete", "404", "deleted", Done)]
    public async Task Operation_in_state_returns_the_expected_outcome_and_the_instance_goes_on_correctly(
        string state, string operation, string returned, string final, string effects)
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(ControlWorkflow));
        var matrix = new ControlMatrix(t);
        var id = await matrix.BringToAsync(state);

        Assert.Equal(returned, await matrix.ApplyAsync(id, operation));

        if (returned is "waitingForPause" or "paused")
        {
            // The pause settles once nothing is in flight, and holds: no attempt runs while paused.
            matrix.ReleaseInFlight(id);
            await t.WaitForStatusAsync(id, "paused");
            var attempts = Attempts(t, id);
            await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(15));
            Assert.Equal("paused", t.Describe(id).Status);
            Assert.Equal(attempts, Attempts(t, id));
            Assert.Equal(InstanceStatus.Queued, await t.Engine.ResumeAsync(TestEngine.Tenant, id));
        }

        await matrix.DriveToAsync(id, state, final);
        Assert.Equal(effects, matrix.Effects(id));
        if (state == S.RetryDelay && final == "complete")
        {
            // The attempt after the pause or resume is numbered after the failed one, which the log keeps.
            Assert.Equal([false, true], t.Describe(id).Steps[0].Attempts!.Select(a => a.Success));
        }
    }

    private static int Attempts(TestEngine t, string id) =>
        t.Describe(id).Steps.FirstOrDefault()?.Attempts?.Count ?? 0;
}
