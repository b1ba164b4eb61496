using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// One place in an uploaded assembly — a method (its signature, attributes and IL), a type's declarations, or the
/// assembly's own attributes — and everything it references. Problems are reported against these places.
/// </summary>
internal sealed class UsageSite(MetadataReader md, string? type, string? member, bool isCompilerHelper)
{
    /// <summary>The tenant's type, as its author wrote it (compiler-generated nested types are folded into it).</summary>
    public string? Type { get; } = type;

    /// <summary>The tenant's method, as its author wrote it (lambdas and state machines name their method).</summary>
    public string? Member { get; } = member;

    /// <summary>Whether this is the compiler's <c>&lt;PrivateImplementationDetails&gt;</c> helper type.</summary>
    public bool IsCompilerHelper { get; } = isCompilerHelper;

    public SignatureCollector Uses { get; } = new(md);

    public HashSet<MemberReferenceHandle> Members { get; } = [];

    public bool UsesCalli { get; set; }

    public bool UsesUnsafeSignatures => Uses.UsesPointers || Uses.UsesFunctionPointers || Uses.Pins;

    /// <summary>"MyTenant.dll: type MyTenant.Evil (method Run)", or less when the place is less precise.</summary>
    public string Describe(string file) =>
        (Type, Member) switch
        {
            (null, _) => file,
            (_, null) => $"{file}: type {Type}",
            _ => $"{file}: type {Type} (method {Member})",
        };
}
