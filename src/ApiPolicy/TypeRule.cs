namespace Skein.Host.Plugins.Validation;

/// <summary>
/// The allow-list's entry for one type: allowed (listed), denied outright, allowed for a few members only, or
/// allowed except some members.
/// </summary>
internal sealed class TypeRule(ApiTypeName type)
{
    private readonly List<MemberRule> _deniedMembers = [];
    private HashSet<string>? _onlyMembers;
    private ApiVerdict _otherMembers;
    private HashSet<string> _compilerHelperMembers = [];

    public ApiTypeName Type { get; } = type;

    public ApiVerdict Verdict { get; private set; }

    public TypeRule Deny(string code, string reason)
    {
        Verdict = ApiVerdict.Deny(code, reason);
        return this;
    }

    /// <summary>
    /// Allows the type and these members of it (accessors by their metadata names, e.g. <c>get_NewLine</c>); every
    /// other member is denied with the reason.
    /// </summary>
    public TypeRule AllowOnly(string code, string reason, params string[] members)
    {
        _onlyMembers = [.. members];
        _otherMembers = ApiVerdict.Deny(code, reason);
        return this;
    }

    public TypeRule DenyMember(string name, string code, string reason, Func<MemberShape, bool>? applies = null)
    {
        _deniedMembers.Add(new MemberRule(name, applies, ApiVerdict.Deny(code, reason)));
        return this;
    }

    /// <summary>Lets the compiler's generated helpers use these otherwise denied members.</summary>
    public TypeRule AllowInCompilerHelpers(params string[] members)
    {
        _compilerHelperMembers = [.. members];
        return this;
    }

    /// <summary>The verdict on a member, when this rule has one; null to fall through to the namespace's member rules.</summary>
    public ApiVerdict? MemberVerdict(string name, MemberShape shape)
    {
        // Named denials first: they carry a more precise reason than "not one of the allowed members".
        var verdict = _deniedMembers.FirstOrDefault(r => r.Matches(name, shape))?.Verdict;
        if (verdict is null && !Verdict.IsAllowed)
        {
            verdict = Verdict;
        }
        else if (verdict is null && _onlyMembers is not null && !_onlyMembers.Contains(name))
        {
            verdict = _otherMembers;
        }

        return verdict is { } denied && _compilerHelperMembers.Contains(name)
            ? denied with { AllowedInCompilerHelpers = true }
            : verdict;
    }
}
