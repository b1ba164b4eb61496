namespace Skein.Host.Plugins.Validation;

/// <summary>Denies a member by name, or only the overloads <paramref name="Applies"/> picks.</summary>
internal sealed record MemberRule(string Name, Func<MemberShape, bool>? Applies, ApiVerdict Verdict)
{
    public bool Matches(string name, MemberShape shape) =>
        string.Equals(Name, name, StringComparison.Ordinal) && (Applies is null || Applies(shape));
}
