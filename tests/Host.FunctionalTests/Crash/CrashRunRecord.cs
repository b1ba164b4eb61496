namespace Skein.Host.FunctionalTests.Crash;

/// <summary>What the real-host crash test saw over all its runs: the checks read it once the last run is over.</summary>
/// <param name="versionTwoRun">The run at whose start version 2 was uploaded.</param>
internal sealed class CrashRunRecord(int versionTwoRun)
{
    public int VersionTwoRun { get; } = versionTwoRun;

    /// <summary>The log as copied after each kill k (index k − 1), then after the last, un-killed run.</summary>
    public List<CommittedLog> Snapshots { get; } = [];

    /// <summary>Every side-effect line printed by any run, with the run that printed it.</summary>
    public List<EffectLine> Effects { get; } = [];

    /// <summary>Every create request, in the order sent.</summary>
    public List<CreateSend> Sends { get; } = [];

    /// <summary>The version each instance must finish on: the active one when it was first sent.</summary>
    public Dictionary<string, int> PinnedTo { get; } = new(StringComparer.Ordinal);

    /// <summary>Milliseconds from the start of each killed run's creates to its kill.</summary>
    public List<int> KillDelays { get; } = [];

    public string Summary()
    {
        var ranMoreThanOnce = Effects.GroupBy(e => e.StepKey).Count(g => g.Select(e => e.Run).Distinct().Count() > 1);
        var committed = Snapshots.Select((s, k) => s.Steps.Count - (k == 0 ? 0 : Snapshots[k - 1].Steps.Count));
        return $"kill delays {string.Join(", ", KillDelays)} ms; steps committed per run {string.Join(", ", committed)}; "
            + $"{Effects.Count} side effects, {ranMoreThanOnce} steps ran in more than one run; "
            + $"creates: {Sends.Count(s => !s.Resend && s.Acknowledged)} answered at once, "
            + $"{Sends.Count(s => s.Resend && s.Status == 200)} re-sent and found (200), {Sends.Count(s => s.Resend && s.Status == 201)} re-sent and created (201)";
    }
}
