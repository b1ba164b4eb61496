using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine.Replay;

/// <summary>
/// The answer of <see cref="ReplayMatcher"/> to one durable call: what to do, the call's occurrence of its name, the
/// logged row it matched (none for <see cref="ReplayAction.Start"/> and <see cref="ReplayAction.Defer"/>), and for a
/// <see cref="ReplayAction.Mismatch"/> the error the instance fails with.
/// </summary>
internal sealed record ReplayDecision(
    ReplayAction Action,
    int Count,
    StepRow? Logged = null,
    NonDeterminismException? Error = null,
    bool CaughtUp = false)
{
    /// <summary>For <see cref="ReplayAction.ContinueAttempts"/>: the attempt that runs next.</summary>
    public int NextAttempt => (Logged?.Attempts ?? 0) + 1;
}
