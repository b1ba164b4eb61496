using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Skein.Host.Plugins;

namespace Skein.Host.Tests.Plugins;

/// <summary>
/// The watch over unloaded versions that /metrics reports as <c>NotCollected</c>: a context that outlives the
/// bounded number of full collections is counted and logged with its tenant and version, one that goes is forgotten.
/// </summary>
public sealed class UnloadedContextsTests
{
    [Fact]
    public void A_context_still_alive_after_the_bounded_collections_is_counted_and_logged_once()
    {
        var log = new RecordingLogger();
        var unloaded = new UnloadedContexts(log);
        var held = new object();
        unloaded.Track("acme", 3, new WeakReference(held));

        for (var i = 0; i < UnloadedContexts.CollectionsBeforeReport + 2; i++)
        {
            unloaded.Check();
        }

        Assert.Equal(1, unloaded.NotCollected);
        Assert.Equal(1, unloaded.Watched);
        var warning = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(8401, warning.Id);
        Assert.StartsWith("Version 3 of tenant acme was unloaded but its code is still loaded after ", warning.Message, StringComparison.Ordinal);
        GC.KeepAlive(held);
    }

    [Fact]
    public void A_reported_context_that_is_collected_after_all_leaves_the_count_with_a_log_line()
    {
        var log = new RecordingLogger();
        var unloaded = new UnloadedContexts(log);
        var holder = new Holder();
        unloaded.Track("acme", 4, TrackLater(holder));
        for (var i = 0; i < UnloadedContexts.CollectionsBeforeReport; i++)
        {
            unloaded.Check();
        }

        Assert.Equal(1, unloaded.NotCollected);

        holder.Value = null;
        unloaded.Check();

        Assert.Equal(0, unloaded.NotCollected);
        Assert.Equal(0, unloaded.Watched);
        Assert.Equal([8401, 8402], log.Entries.Select(e => e.Id));
        Assert.StartsWith("Version 4 of tenant acme, reported as not collected, was collected after ", log.Entries[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_collected_in_time_is_forgotten_without_a_report()
    {
        var log = new RecordingLogger();
        var unloaded = new UnloadedContexts(log);
        unloaded.Track("acme", 5, Unreferenced());

        unloaded.Check();

        Assert.Equal(0, unloaded.Watched);
        Assert.Equal(0, unloaded.NotCollected);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void A_context_alive_for_fewer_collections_than_the_bound_is_watched_but_not_reported()
    {
        var log = new RecordingLogger();
        var unloaded = new UnloadedContexts(log);
        var held = new object();
        unloaded.Track("acme", 6, new WeakReference(held));

        unloaded.Check();

        Assert.Equal(1, unloaded.Watched);
        Assert.Equal(0, unloaded.NotCollected);
        Assert.Empty(log.Entries);
        GC.KeepAlive(held);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Unreferenced() => new(new object());

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference TrackLater(Holder holder)
    {
        holder.Value = new object();
        return new WeakReference(holder.Value);
    }

    private sealed class Holder
    {
        public object? Value { get; set; }
    }

    private sealed class RecordingLogger : ILogger<UnloadedContexts>
    {
        public List<(LogLevel Level, int Id, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
            }
        }
    }
}
