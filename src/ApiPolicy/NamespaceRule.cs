namespace Skein.Host.Plugins.Validation;

/// <summary>
/// The allow-list's entry for a namespace: what types without their own <see cref="TypeRule"/> get (allowed, or
/// denied with a reason), and member denials that hold for every type in it.
/// </summary>
internal sealed class NamespaceRule(string ns, bool includesChildren, ApiVerdict unlistedTypes)
{
    private readonly List<MemberRule> _deniedMembers = [];

    public string Namespace { get; } = ns;

    /// <summary>Whether the rule also covers namespaces below this one that have no rule of their own.</summary>
    public bool IncludesChildren { get; } = includesChildren;

    public ApiVerdict UnlistedTypes { get; } = unlistedTypes;

    public NamespaceRule DenyMember(string name, string code, string reason, Func<MemberShape, bool>? applies = null)
    {
        _deniedMembers.Add(new MemberRule(name, applies, ApiVerdict.Deny(code, reason)));
        return this;
    }

    public ApiVerdict MemberVerdict(string name, MemberShape shape) =>
        _deniedMembers.FirstOrDefault(r => r.Matches(name, shape))?.Verdict ?? ApiVerdict.Allowed;
}
