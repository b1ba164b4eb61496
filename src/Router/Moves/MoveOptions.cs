namespace Skein.Router.Moves;

/// <summary>
/// <c>Router:Moves</c>: how long <c>GET /v1/moves</c> keeps finished moves (<c>done</c> or <c>failed</c>). A move in
/// progress is never pruned; a finished one goes when it is older than <see cref="Retention"/> or when more than
/// <see cref="RetentionCount"/> newer finished moves exist, whichever comes first.
/// </summary>
public sealed class MoveOptions
{
    /// <summary>How long a finished move stays listed after it ended. Default 30 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many finished moves stay listed at most (the newest). Default 1,000.</summary>
    public int RetentionCount { get; set; } = 1000;
}
