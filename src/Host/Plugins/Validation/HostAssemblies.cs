using System.Reflection;
using System.Runtime.CompilerServices;
using Skein.TenantSdk;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// What the host itself provides to plugins: the SDK version it shares and the assembly names it resolves. An upload
/// may not bring an assembly under one of these names: the runtime would load the host's copy instead (so the
/// upload's file would not be the code that runs), and an assembly named like a friend of the SDK
/// (<c>InternalsVisibleTo</c>) would reach the SDK's internals.
/// </summary>
internal sealed class HostAssemblies
{
    public const string SdkName = "Skein.TenantSdk";

    private readonly HashSet<string> _names;

    public HostAssemblies(IEnumerable<string> names, Version sdkVersion)
    {
        _names = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase) { SdkName };
        SdkVersion = sdkVersion;
    }

    public static HostAssemblies Current { get; } = FromRuntime();

    /// <summary>The <c>Skein.TenantSdk</c> AssemblyVersion the host shares; uploads must reference this or older.</summary>
    public Version SdkVersion { get; }

    public bool Provides(string assemblyName) => _names.Contains(assemblyName);

    private static HostAssemblies FromRuntime()
    {
        var sdk = typeof(WorkflowStep).Assembly;
        var names = new List<string> { typeof(HostAssemblies).Assembly.GetName().Name! };
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string paths)
        {
            names.AddRange(paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>());
        }

        names.AddRange(sdk.GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName.Split(',')[0].Trim()));
        return new HostAssemblies(names, sdk.GetName().Version!);
    }
}
