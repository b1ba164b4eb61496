using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Skein.Router.Moves;
using Skein.Router.Placement;
using Skein.Tests.Common;

namespace Skein.Router.Tests.Unit;

/// <summary>
/// <c>GET /v1/moves</c> keeps finished moves for <c>Router:Moves:Retention</c> and at most <c>RetentionCount</c> of
/// them, pruned in the background; a move in progress stays however old it is. Fake time drives the pruning.
/// </summary>
public sealed class MovePrunerTests : IDisposable
{
    private readonly TempDataDir _data = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RouterDataFolder _folder;
    private readonly MoveJournal _journal;

    public MovePrunerTests()
    {
        _folder = new RouterDataFolder(Options.Create(new RouterOptions { DataDir = _data.Path }), _time);
        _journal = new MoveJournal(new PlacementStore(_folder, NullLogger<PlacementStore>.Instance), _time);
    }

    public void Dispose()
    {
        _folder.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Finished_moves_go_once_older_than_the_retention_and_a_move_in_progress_never_goes()
    {
        Record("done-early", MoveStates.Done);
        Record("failed-early", MoveStates.Failed);
        Record("running", MoveStates.Copying);
        _time.Advance(TimeSpan.FromMinutes(30));
        Record("done-later", MoveStates.Done);
        using var pruner = Pruner(TimeSpan.FromHours(1), 1000);
        await pruner.StartAsync(CancellationToken.None);

        // Within the hour nothing goes; then the two early ones, on the pruner's own round (every 6 minutes here).
        Assert.Equal(["done-early", "failed-early", "running", "done-later"], Ids());
        _time.Advance(TimeSpan.FromMinutes(31) + pruner.Interval);
        await Eventually.Until(Ids, ids => ids.Count == 2, "the early finished moves to be pruned", TimeSpan.FromSeconds(60));
        Assert.Equal(["running", "done-later"], Ids());

        _time.Advance(TimeSpan.FromDays(2));
        await Eventually.Until(Ids, ids => ids.Count == 1, "the later finished move to be pruned", TimeSpan.FromSeconds(60));
        Assert.Equal(["running"], Ids());
        await pruner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Beyond_the_count_the_oldest_finished_moves_go_first()
    {
        Record("running", MoveStates.Freezing);
        foreach (var id in new[] { "m1", "m2", "m3", "m4" })
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Record(id, MoveStates.Done);
        }

        using var pruner = Pruner(TimeSpan.FromDays(30), 2);

        Assert.Equal(2, pruner.PruneNow());
        Assert.Equal(["running", "m3", "m4"], Ids());
        Assert.Equal(0, pruner.PruneNow());
    }

    [Fact]
    public void A_retention_or_count_that_prunes_everything_or_nothing_is_refused_listing_both()
    {
        var result = new MoveOptionsValidator().Validate(null, new MoveOptions { Retention = TimeSpan.Zero, RetentionCount = 0 });

        Assert.True(result.Failed);
        Assert.Equal(
        [
            "Router:Moves:Retention is 00:00:00; it must be between 00:00:01 and 3650 days (how long a finished move stays in GET /v1/moves, e.g. 30.00:00:00).",
            "Router:Moves:RetentionCount is 0; it must be at least 1 (how many finished moves GET /v1/moves keeps, e.g. 1000).",
        ], result.Failures);
        Assert.True(new MoveOptionsValidator().Validate(null, new MoveOptions()).Succeeded);
    }

    private MovePruner Pruner(TimeSpan retention, int count) => new(_journal,
        Options.Create(new MoveOptions { Retention = retention, RetentionCount = count }), _time, NullLogger<MovePruner>.Instance);

    private List<string> Ids() => [.. _journal.All().Select(m => m.Id)];

    /// <summary>A move of its own tenant (one unfinished move per tenant), left in <paramref name="state"/>.</summary>
    private void Record(string id, string state)
    {
        Assert.True(_journal.TryStart(new Move(id, "t-" + id, "a", "b", MoveStates.Freezing, null, false, null, null, 0)));
        if (MoveStates.IsFinished(state))
        {
            _journal.Finish(id, state, state == MoveStates.Failed ? "failed on purpose" : null);
        }
        else if (state != MoveStates.Freezing)
        {
            _journal.Advance(id, state);
        }
    }
}
