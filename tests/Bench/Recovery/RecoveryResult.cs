namespace Skein.Bench.Recovery;

/// <summary>What one recovery run measured: seconds from the restarted process's start, and the counts it ended with.</summary>
internal sealed record RecoveryResult(double ReadySeconds, double DueFinishedSeconds, double CpuSeconds, long Complete, long Waiting, long Errored)
{
    public string Summary() => FormattableString.Invariant(
        $"/readyz after {ReadySeconds:F2} s, due instances finished after {DueFinishedSeconds:F2} s, {CpuSeconds:F1} s CPU; complete {Complete}, waiting {Waiting}, errored {Errored}");
}
