namespace Skein.Host.Plugins.Validation;

/// <summary>What the allow-list says about one referenced type or member.</summary>
/// <param name="Code">The problem code when denied; null when allowed.</param>
/// <param name="Reason">Why it is denied, finishing the problem's sentence (e.g. "starting processes is not allowed").</param>
/// <param name="AllowedInCompilerHelpers">
/// Denied, except inside the compiler's own <c>&lt;PrivateImplementationDetails&gt;</c> helpers, which use a few
/// otherwise-denied members to build spans over inline arrays (collection expressions, <c>params ReadOnlySpan</c>).
/// </param>
internal readonly record struct ApiVerdict(string? Code, string? Reason, bool AllowedInCompilerHelpers = false)
{
    public static ApiVerdict Allowed => default;

    public bool IsAllowed => Code is null;

    public static ApiVerdict Deny(string code, string reason) => new(code, reason);
}
