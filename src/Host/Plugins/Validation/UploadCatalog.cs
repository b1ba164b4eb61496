namespace Skein.Host.Plugins.Validation;

/// <summary>
/// The types each assembly of the upload defines. A reference to one of them is the tenant's own code, which is
/// scanned where it is defined; only a name the upload does not define is judged by the allow-list (so an upload
/// cannot dodge the list by pointing a reference at its own assembly and forwarding it to the framework).
/// </summary>
internal sealed class UploadCatalog
{
    private readonly Dictionary<string, HashSet<string>> _types = new(StringComparer.OrdinalIgnoreCase);

    private readonly HostAssemblies? _host;

    /// <param name="assemblies">The upload's assemblies.</param>
    /// <param name="host">What the host resolves itself; when given, <see cref="IsMissing"/> can tell a missing assembly.</param>
    public UploadCatalog(IEnumerable<UploadedAssembly> assemblies, HostAssemblies? host = null)
    {
        _host = host;
        foreach (var assembly in assemblies)
        {
            if (!_types.TryGetValue(assembly.Name, out var types))
            {
                _types[assembly.Name] = types = new HashSet<string>(StringComparer.Ordinal);
            }

            var md = assembly.Metadata;
            foreach (var handle in md.TypeDefinitions)
            {
                types.Add(MetadataNames.TypeDefinition(md, handle).FullName);
            }
        }
    }

    public IEnumerable<string> AssemblyNames => _types.Keys;

    /// <summary>
    /// Whether nothing provides <paramref name="assemblyName"/>: neither the upload nor the host (the SDK, .NET). The
    /// types of such an assembly are not judged by the allow-list; the upload is refused for the missing assembly.
    /// </summary>
    public bool IsMissing(string assemblyName) =>
        _host is not null && !_host.Provides(assemblyName) && !_types.ContainsKey(assemblyName);

    public bool Defines(string assemblyName, ApiTypeName type) =>
        _types.TryGetValue(assemblyName, out var types) && types.Contains(type.FullName);
}
