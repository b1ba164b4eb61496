namespace Skein.Host.Storage;

/// <summary>The family changes one write collects inside its transaction, reported once it committed.</summary>
internal sealed class FamilyEffects
{
    private readonly List<ChildEnd> _resolved = [];
    private readonly List<string> _terminated = [];

    public bool IsEmpty => _resolved.Count == 0 && _terminated.Count == 0;

    public void Resolved(ChildEnd end) => _resolved.Add(end);

    public void Terminated(string id) => _terminated.Add(id);

    /// <summary>A transaction run again (its batch failed) collects afresh.</summary>
    public void Clear()
    {
        _resolved.Clear();
        _terminated.Clear();
    }

    public FamilyChange ToChange() => new([.. _resolved], [.. _terminated]);
}
