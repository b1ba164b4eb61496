namespace Skein.Router.Moves;

/// <summary>
/// <c>Router:Testing</c>: hooks for the crash tests, never for production. <c>KillAt</c> names a move state
/// (<c>freezing</c>, <c>copying</c>, <c>restoring</c>, <c>switching</c>, <c>done</c>); the router kills its own process
/// (SIGKILL, nothing flushed or stopped) as soon as a move has committed that state.
/// </summary>
public sealed class MoveTestingOptions
{
    public string? KillAt { get; set; }
}
