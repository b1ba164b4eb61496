namespace Skein.Host.Plugins.Validation;

/// <summary>
/// An allow-list of the APIs tenant code may reference: namespaces that are allowed (all their types, or only
/// listed ones), with denials of types and members inside them. Anything in a namespace without a rule is denied,
/// so a new framework API is refused until someone decides it is safe. <see cref="DefaultApiPolicy"/> holds the data.
/// </summary>
internal sealed class ApiPolicy
{
    private readonly Dictionary<string, NamespaceRule> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeRule> _types = new(StringComparer.Ordinal);

    public NamespaceRule AllowNamespace(string ns, bool includeChildren = false) =>
        AddNamespace(new NamespaceRule(ns, includeChildren, ApiVerdict.Allowed));

    public NamespaceRule DenyNamespace(string ns, string code, string reason, bool includeChildren = true) =>
        AddNamespace(new NamespaceRule(ns, includeChildren, ApiVerdict.Deny(code, reason)));

    /// <summary>Allows only <paramref name="typeNames"/> (names inside <paramref name="ns"/>); other types get the reason.</summary>
    public NamespaceRule AllowTypes(string ns, string code, string reason, bool includeChildren, params string[] typeNames)
    {
        foreach (var name in typeNames)
        {
            Type($"{ns}.{name}");
        }

        return DenyNamespace(ns, code, reason, includeChildren);
    }

    /// <summary>The rule for a type, created (as allowed) on first use. <paramref name="fullName"/> joins nested types with <c>+</c>.</summary>
    public TypeRule Type(string fullName)
    {
        if (!_types.TryGetValue(fullName, out var rule))
        {
            var plus = fullName.IndexOf('+');
            var topLevel = plus < 0 ? fullName : fullName.Substring(0, plus);
            var dot = topLevel.LastIndexOf('.');
            var type = dot < 0 ? new ApiTypeName("", fullName) : new ApiTypeName(fullName.Substring(0, dot), fullName.Substring(dot + 1));
            _types[fullName] = rule = new TypeRule(type);
        }

        return rule;
    }

    public ApiVerdict CheckType(ApiTypeName type)
    {
        if (_types.TryGetValue(type.FullName, out var rule))
        {
            return rule.Verdict;
        }

        // A nested type goes with the type that encloses it.
        if (type.DeclaringType is { } declaring)
        {
            return CheckType(declaring);
        }

        return FindNamespace(type.Namespace)?.UnlistedTypes ?? NotListed(type.Namespace);
    }

    public ApiVerdict CheckMember(ApiTypeName type, string member, MemberShape shape)
    {
        if (_types.TryGetValue(type.FullName, out var rule) && rule.MemberVerdict(member, shape) is { } verdict)
        {
            return verdict;
        }

        var typeVerdict = CheckType(type);
        if (!typeVerdict.IsAllowed)
        {
            return typeVerdict;
        }

        return FindNamespace(type.Namespace)?.MemberVerdict(member, shape) ?? ApiVerdict.Allowed;
    }

    private NamespaceRule AddNamespace(NamespaceRule rule)
    {
        _namespaces.Add(rule.Namespace, rule);
        return rule;
    }

    private NamespaceRule? FindNamespace(string ns)
    {
        if (_namespaces.TryGetValue(ns, out var exact))
        {
            return exact;
        }

        for (var dot = ns.LastIndexOf('.'); dot > 0; dot = ns.LastIndexOf('.', dot - 1))
        {
            // The nearest enclosing rule decides: a parent that lists only its own types does not open its children.
            if (_namespaces.TryGetValue(ns.Substring(0, dot), out var parent))
            {
                return parent.IncludesChildren ? parent : null;
            }
        }

        return null;
    }

    private static ApiVerdict NotListed(string ns) => ApiVerdict.Deny(UploadProblemCodes.ApiNotAllowed,
        ns.Length == 0 ? "types outside a namespace are not on the allow-list" : $"namespace {ns} is not on the allow-list");
}
