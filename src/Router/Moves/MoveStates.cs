namespace Skein.Router.Moves;

/// <summary>The states of a move (DESIGN §7), in the order a successful move goes through them.</summary>
internal static class MoveStates
{
    /// <summary>Recorded; the source is being frozen.</summary>
    public const string Freezing = "freezing";

    /// <summary>The source acknowledged the freeze; its backup streams into a restore on the target.</summary>
    public const string Copying = "copying";

    /// <summary>The whole archive reached the target, which verifies it and swaps it in.</summary>
    public const string Restoring = "restoring";

    /// <summary>The target restored the tenant and the placement names the target (one transaction); the source copy is being deleted.</summary>
    public const string Switching = "switching";

    public const string Done = "done";

    public const string Failed = "failed";

    /// <summary>The states a move passes through before it ends, in order.</summary>
    public static readonly IReadOnlyList<string> Running = [Freezing, Copying, Restoring, Switching];

    public static bool IsFinished(string state) => state is Done or Failed;

    /// <summary>Before the switch the source still holds the tenant: a move stopped there is undone.</summary>
    public static bool BeforeSwitch(string state) => state is Freezing or Copying or Restoring;
}
