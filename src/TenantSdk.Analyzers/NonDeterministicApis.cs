using Microsoft.CodeAnalysis;

namespace Skein.TenantSdk.Analyzers;

/// <summary>
/// The APIs whose result differs from one run to the next: clocks, random numbers, new ids, elapsed time and
/// timers. Workflow code re-runs on every replay, so these belong inside a step.
/// </summary>
internal static class NonDeterministicApis
{
    // Type (metadata name) → members; an empty list means its constructors and static members.
    private static readonly Dictionary<string, string[]> Members = new(StringComparer.Ordinal)
    {
        ["System.DateTime"] = ["get_Now", "get_UtcNow", "get_Today"],
        ["System.DateTimeOffset"] = ["get_Now", "get_UtcNow"],
        ["System.TimeProvider"] = ["get_System"],
        ["System.Guid"] = ["NewGuid", "CreateVersion7"],
        ["System.Random"] = [],
        ["System.Security.Cryptography.RandomNumberGenerator"] = [],
        ["System.Diagnostics.Stopwatch"] = [],
        ["System.Environment"] = ["get_TickCount", "get_TickCount64"],
        ["System.Threading.Tasks.Task"] = ["Delay", "Run"],
        ["System.Threading.Thread"] = ["Sleep"],
    };

    /// <summary>The API's display name ("DateTime.UtcNow") when <paramref name="member"/> is one of them; else null.</summary>
    public static string? Describe(ISymbol member)
    {
        var type = member.ContainingType;
        if (type is null || !Members.TryGetValue(PolicyNames.FullName(type), out var members))
        {
            return null;
        }

        var name = member is IMethodSymbol { AssociatedSymbol: IPropertySymbol property } ? property.Name : member.Name;
        var metadataName = member is IPropertySymbol p ? p.GetMethod?.Name ?? member.Name : member.Name;
        // A listed type with no member list: its constructors and static members (an instance's own members only
        // carry on from the value the constructor gave, which is reported already).
        var listed = members.Length > 0
            ? members.Contains(metadataName)
            : member.IsStatic || member is IMethodSymbol { MethodKind: MethodKind.Constructor };
        if (!listed)
        {
            return null;
        }

        return member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? $"new {type.Name}()" : $"{type.Name}.{name}";
    }
}
