using S = Skein.Host.Tests.Engine.Control.ControlStates;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Control;

/// <summary>Brings a <see cref="ControlWorkflow"/> instance to a state, applies an operation, and drives it on.</summary>
internal sealed class ControlMatrix(TestEngine t)
{
    private string? _blocker;

    public async Task<string> BringToAsync(string state)
    {
        var id = $"{state}-{Guid.NewGuid():n}";
        var probe = Probe.For(id);
        if (state == S.Queued)
        {
            // The tenant runs one instance at a time: a blocker holds the slot.
            _blocker = $"blocker-{Guid.NewGuid():n}";
            await t.CreateAsync("control", new ControlParams(S.Running), _blocker);
            await Probe.For(_blocker).WaitReachedAsync("body");
            await t.CreateAsync("control", new ControlParams(S.Complete), id);
            Assert.Equal("queued", t.Describe(id).Status);
            return id;
        }

        var workflowState = state == S.Deleted ? S.Complete : state;
        await t.CreateAsync("control", new ControlParams(workflowState), id);
        switch (state)
        {
            case S.Running:
                await probe.WaitReachedAsync("body");
                break;
            case S.RetryDelay:
                await t.WaitForLogAsync(id, d => d.Steps.Count == 1 && d.Steps[0].Attempts?.Count == 1, "attempt 1 to fail");
                Assert.Equal("running", t.Describe(id).Status);
                break;
            case S.Sleep or S.Event:
                await t.WaitForStatusAsync(id, "waiting");
                // `waiting` is committed before the execution leaves memory or parks: a pause that came in between
                // would find it still in memory and answer waitingForPause (settling as paused right after).
                await t.WaitUntilIdleAsync();
                break;
            case S.WaitingForPause:
                await probe.WaitReachedAsync("body");
                Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));
                break;
            case S.Paused:
                await probe.WaitReachedAsync("body");
                Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));
                probe.Open("body");
                await t.WaitForStatusAsync(id, "paused");
                break;
            case S.Complete or S.Errored:
                await t.WaitForStatusAsync(id, state);
                break;
            case S.Terminated:
                await t.WaitForStatusAsync(id, "waiting");
                await t.Engine.TerminateAsync(TestEngine.Tenant, id);
                break;
            case S.Deleted:
                await t.WaitForStatusAsync(id, "complete");
                Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, id));
                break;
        }

        return id;
    }

    /// <summary>The operation's result: the status it returned, "deleted", or the HTTP status of its refusal.</summary>
    public async Task<string> ApplyAsync(string id, string operation)
    {
        try
        {
            return operation switch
            {
                "pause" => (await t.Engine.PauseAsync(TestEngine.Tenant, id)).Name,
                "resume" => (await t.Engine.ResumeAsync(TestEngine.Tenant, id)).Name,
                "terminate" => (await t.Engine.TerminateAsync(TestEngine.Tenant, id)).Name,
                "restart" => (await t.Engine.RestartAsync(TestEngine.Tenant, id)).Name,
                "delete" => await t.Engine.DeleteAsync(TestEngine.Tenant, id) ? "deleted" : "404",
                _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
            };
        }
        catch (ConflictException)
        {
            return "409";
        }
        catch (NotFoundException)
        {
            return "404";
        }
    }

    /// <summary>Lets an attempt held at its gate (and the blocker of a queued instance) finish.</summary>
    public void ReleaseInFlight(string id)
    {
        Probe.For(id).Open("body");
        if (_blocker is not null)
        {
            Probe.For(_blocker).Open("body");
        }
    }

    /// <summary>Releases whatever holds the instance (gates, time, the event) until it is <paramref name="final"/>.</summary>
    public async Task DriveToAsync(string id, string state, string final)
    {
        ReleaseInFlight(id);
        var sent = false;
        await Eventually.UntilAsync(async () =>
        {
            var status = t.Engine.Describe(TestEngine.Tenant, id)?.Instance.Status.Name ?? S.Deleted;
            if (status == final)
            {
                return true;
            }

            if (state == S.Event && !sent && status is "waiting" or "running")
            {
                sent = true;
                await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"now\"");
            }

            t.Advance(TimeSpan.FromMinutes(1));
            return false;
        }, done => done, $"instance {id} to become {final}");
    }

    /// <summary>The attempts and the last step the instance ran, in order.</summary>
    public string Effects(string id) => string.Join(",",
        Probe.For(id).Effects.Where(e => e.StartsWith("first#", StringComparison.Ordinal) || e == "last"));
}
