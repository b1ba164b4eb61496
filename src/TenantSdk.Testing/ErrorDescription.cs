namespace Skein.TenantSdk.Testing;

/// <summary>An error: its type name, its message, and for a failed attempt the tenant's own stack frames.</summary>
/// <param name="Name">The exception's type name.</param>
/// <param name="Message">Its message.</param>
/// <param name="Stack">The first frames of its stack trace that are the tenant's code, innermost first.</param>
public sealed record ErrorDescription(string Name, string Message, IReadOnlyList<string>? Stack = null);
