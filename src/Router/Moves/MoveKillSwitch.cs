using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Skein.Router.Moves;

/// <summary>Kills the router the moment a move has entered the state <c>Router:Testing:KillAt</c> names (crash tests).</summary>
internal sealed partial class MoveKillSwitch(IOptions<MoveTestingOptions> options, ILogger<MoveKillSwitch> logger)
{
    private readonly string? _killAt = options.Value.KillAt;

    public void Entered(string moveId, string state)
    {
        if (_killAt != state)
        {
            return;
        }

        LogKilling(logger, moveId, state);
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }

    [LoggerMessage(EventId = EventIds.MoveKillAtReached, Level = LogLevel.Critical, Message = "Router:Testing:KillAt: move {Move} entered {State}; the router kills itself")]
    private static partial void LogKilling(ILogger logger, string move, string state);
}
