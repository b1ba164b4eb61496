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
    private HashSet<string>? _compilerHelperMembers;

    public ApiTypeName Type { get; } = type;

    public ApiVerdict Verdict { get; private set; }

    public TypeRule Deny(string code, string reason)
    {
        Verdict = ApiVerdict.Deny(code, reason);
        return this;
    }

    /// <summary>Allows these members (accessors by their metadata names, e.g. <c>get_NewLine</c>) and denies the rest.</summary>
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

    /// <summary>Lets the compiler's generated helpers use these members of an otherwise denied type.</summary>
    public TypeRule AllowInCompilerHelpers(params string[] members)
    {
        _compilerHelperMembers = [.. members];
        return this;
    }

    public ApiVerdict TypeVerdict() =>
        _compilerHelperMembers is null ? Verdict : Verdict with { AllowedInCompilerHelpers = true };

    /// <summary>The verdict on a member, when this rule has one; null to fall through to the namespace's member rules.</summary>
    public ApiVerdict? MemberVerdict(string name, MemberShape shape)
    {
        if (!Verdict.IsAllowed)
        {
            return _compilerHelperMembers?.Contains(name) == true ? Verdict with { AllowedInCompilerHelpers = true } : Verdict;
        }

        // Named denials first: they carry a more precise reason than "not one of the allowed members".
        if (_deniedMembers.FirstOrDefault(r => r.Matches(name, shape)) is { } denied)
        {
            return denied.Verdict;
        }

        return _onlyMembers is not null && !_onlyMembers.Contains(name) ? _otherMembers : null;
    }
}
