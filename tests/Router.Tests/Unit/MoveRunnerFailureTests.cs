using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Skein.Router.Forwarding;
using Skein.Router.Moves;
using Skein.Router.Nodes;
using Skein.Router.Placement;
using Skein.Tests.Common;

namespace Skein.Router.Tests.Unit;

/// <summary>
/// A move runs in the background; a failure that escapes it (here the move is missing from the journal, which no
/// handler inside the move expects) is logged with the move's id, not lost with its task.
/// </summary>
public sealed class MoveRunnerFailureTests : IDisposable
{
    private readonly TempDataDir _data = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RouterDataFolder _folder;

    public MoveRunnerFailureTests()
    {
        _folder = new RouterDataFolder(Options.Create(new RouterOptions { DataDir = _data.Path }), _time);
    }

    public void Dispose()
    {
        _folder.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_move_that_fails_outside_its_own_handlers_is_logged()
    {
        var options = Options.Create(new RouterOptions { DataDir = _data.Path });
        var logs = new RecordingLoggers();
        using var connections = new NodeConnections(options);
        using var runner = new MoveRunner(
            new MoveJournal(new PlacementStore(_folder, NullLogger<PlacementStore>.Instance), _time),
            new MoveNodeCalls(new NodeDirectory(options), connections),
            new MoveKillSwitch(Options.Create(new MoveTestingOptions()), NullLogger<MoveKillSwitch>.Instance),
            new InFlightForwards(),
            _time,
            new Logger<MoveRunner>(logs));
        await runner.StartAsync(CancellationToken.None);

        runner.Run("m-missing");

        var logged = await Eventually.Until(() => logs.Entries.FirstOrDefault(e => e.EventId == 9360), e => e is not null,
            "the failed move to be logged");
        Assert.Equal(
            "Move m-missing stopped on an unexpected error; it stays unfinished in the journal and is taken up at the router's next start",
            logged!.Message);
        Assert.NotNull(logged.Exception);
        await runner.StopAsync(CancellationToken.None);
    }
}
