namespace Skein.Host.Plugins.Validation;

/// <summary>An upload that passed every check: what to store and what it contains.</summary>
internal sealed record ValidatedUpload
{
    /// <summary>
    /// The files to store, by relative path with <c>/</c> separators (already checked to stay inside the version
    /// folder). Host-provided assemblies (<c>Skein.TenantSdk.dll</c>, framework copies) and ignored files are not in it.
    /// </summary>
    public required IReadOnlyDictionary<string, byte[]> Files { get; init; }

    /// <summary>The name of the assembly that holds the workflows, e.g. <c>MyTenant</c>.</summary>
    public required string EntryAssemblyName { get; init; }

    /// <summary>The entry assembly's key in <see cref="Files"/>, e.g. <c>MyTenant.dll</c> or <c>publish/MyTenant.dll</c>.</summary>
    public required string EntryAssemblyPath { get; init; }

    /// <summary>The workflows, in the order they are declared.</summary>
    public required IReadOnlyList<DiscoveredWorkflow> Workflows { get; init; }

    /// <summary>The <c>Skein.TenantSdk</c> version the entry assembly was built against.</summary>
    public required Version SdkVersion { get; init; }

    /// <summary>Paths in the zip that were left out on purpose (the host provides them, or they are not needed).</summary>
    public required IReadOnlyList<string> DroppedFiles { get; init; }
}
