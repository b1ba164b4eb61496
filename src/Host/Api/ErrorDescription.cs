using System.Text.Json.Serialization;

namespace Skein.Host.Api;

/// <summary>
/// An error's type name and message; a failed attempt's also has <c>stack</c>: the first frames of its stack trace that
/// are the tenant's own code, innermost first (absent when none are).
/// </summary>
internal sealed record ErrorDescription(
    string Name,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Stack = null);
