using System.Collections.Concurrent;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Completions that reach <see cref="BatchedContinuations"/> again on the same thread: from inside a completing (a
/// continuation run inline that completes more), from inside a drain (a scheduler's work that completes more), and
/// a later completing on the same pool thread. Every drain runs once, after the completing that deferred it ended.
/// </summary>
public sealed class BatchedContinuationsReentryTests
{
    private readonly ConcurrentQueue<(string Name, bool WhileCompleting)> _ran = new();
    private int _completing;

    [Fact]
    public async Task A_completing_that_completes_more_inside_it_runs_every_drain_once_it_is_done()
    {
        await Task.Run(() => Complete(() =>
        {
            Defer("first");
            Complete(() => Defer("inner"));
            Defer("last");
        }));

        Assert.Equal([("first", false), ("inner", false), ("last", false)], _ran);
    }

    [Fact]
    public async Task A_drain_that_completes_more_runs_what_that_defers_once_and_the_drains_after_it_still_run()
    {
        var nested = 0;
        await Task.Run(() => Complete(() =>
        {
            Defer("outer", () =>
            {
                if (Interlocked.Increment(ref nested) == 1)
                {
                    Complete(() => Defer("nested"));
                }
            });
            Defer("next");
        }));

        Assert.Equal(["outer", "nested", "next"], _ran.Select(r => r.Name));
    }

    [Fact]
    public async Task A_later_completing_on_the_same_thread_runs_only_its_own_drains()
    {
        var (first, second) = await Task.Run(() =>
        {
            Complete(() => Defer("first"));
            var afterFirst = _ran.Count;
            Complete(() => Defer("second"));
            return (afterFirst, _ran.Count);
        });

        Assert.Equal((1, 2), (first, second));
        Assert.Equal(["first", "second"], _ran.Select(r => r.Name));
    }

    /// <summary>Runs <paramref name="complete"/> the way a committed batch or an ended step body hands out its results.</summary>
    private void Complete(Action complete) => BatchedContinuations.Run(static s =>
    {
        Interlocked.Increment(ref s.Test._completing);
        try
        {
            s.Complete();
        }
        finally
        {
            Interlocked.Decrement(ref s.Test._completing);
        }
    }, (Test: this, Complete: complete));

    /// <summary>Wakes a scheduler, as a completed task does: its drain is deferred, or queued when it cannot be.</summary>
    private void Defer(string name, Action? then = null)
    {
        var drain = new Drain(() =>
        {
            _ran.Enqueue((name, Volatile.Read(ref _completing) > 0));
            then?.Invoke();
        });
        Assert.True(BatchedContinuations.TryDefer(drain), $"{name} was woken outside a completing");
    }

    private sealed class Drain(Action run) : IThreadPoolWorkItem
    {
        public void Execute() => run();
    }
}
