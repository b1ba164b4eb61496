using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Host.Tests.Engine.Control;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A queued instance's start is one write that checks it is still queued: a child its parent's end terminated in the
/// log after the child's slot came (and after the child read itself as queued) never runs its code and gives its slot
/// back.
/// </summary>
public sealed class QueuedChildFenceTests
{
    [Fact]
    public async Task A_queued_child_terminated_with_its_parent_while_its_start_is_on_its_way_never_runs()
    {
        using var t = new TestEngine(typeof(Solo), typeof(SoloParent));
        var slots = t.Runtimes.Runtime(TestEngine.Tenant).Slots;
        var holder = await t.CreateAsync("solo");
        await Probe.For(holder).WaitReachedAsync("body");
        var parent = await t.CreateAsync("solo-parent");
        var child = ChildIds.For(parent, "child", 1);
        await Eventually.Until(() => slots.Waiting == 1, "the child to wait for the only 'solo' slot");
        Assert.Equal("queued", t.Describe(child).Status);

        // The holder's end is held at the commit gate; the parent's terminate (which terminates the child in the same
        // transaction) is queued behind it.
        using var gate = await HeldWrites.HoldTheWriteAfterStepAsync(t, holder, "slow");
        var terminating = t.Engine.TerminateAsync(TestEngine.Tenant, parent, rollback: false);
        await HeldWrites.QueuedBehindAsync(t, "the parent's terminate queued behind the holder's end");

        // The holder's end commits and frees the slot; the parent's terminate is written next and held before its
        // commit, so the child reads itself still queued and its start write queues behind the terminate: in the next
        // batch, or in the terminate's own when the writer took both at once (a loaded machine).
        gate.ReleaseOne();
        await Eventually.Until(() => (Holder: t.Describe(holder).Status, Held: gate.BatchesHeld, Queued: t.Log.QueuedWrites, Writes: gate.WritesHeld),
            v => v is { Holder: "complete", Held: > 0 } && (v.Queued > 0 || v.Writes > 1), "the child's start queued behind the held terminate");
        gate.Release();

        Assert.Equal(InstanceStatus.Terminated, await terminating);
        await t.WaitForStatusAsync(child, "terminated");
        await t.WaitUntilIdleAsync();
        Assert.Equal(0, Probe.For(child).Count("run"));
        Assert.Equal("terminated", t.Describe(child).Status);
        Assert.Equal(0, slots.Running);
        Assert.Equal(0, slots.Waiting);
    }
}
