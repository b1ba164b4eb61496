using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Skein.TenantSdk.Analyzers;

/// <summary>
/// The assemblies the host provides to tenant code, whose types the upload scan judges: .NET itself and the SDK with
/// its logging abstractions. Everything else a tenant references travels in the upload and is scanned on its own.
/// The analyzer cannot see the host's list, so it recognises .NET by the keys Microsoft signs it with.
/// </summary>
internal static class HostAssemblyNames
{
    private static readonly ImmutableHashSet<string> FrameworkKeys = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase,
        "b77a5c561934e089", "b03f5f7f11d50a3a", "cc7b13ffcd2ddd51", "7cec85d7bea7798e", "adb9793829ddae60", "31bf3856ad364e35");

    public static bool Provides(IAssemblySymbol assembly)
    {
        var identity = assembly.Identity;
        if (identity.Name is "Skein.TenantSdk" or "Microsoft.Extensions.Logging.Abstractions")
        {
            return true;
        }

        var token = string.Concat(identity.PublicKeyToken.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        return FrameworkKeys.Contains(token) && (identity.Name.StartsWith("System", StringComparison.Ordinal)
            || identity.Name.StartsWith("Microsoft.", StringComparison.Ordinal) || identity.Name is "mscorlib" or "netstandard");
    }
}
