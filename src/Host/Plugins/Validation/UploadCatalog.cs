namespace Skein.Host.Plugins.Validation;

/// <summary>
/// The types each assembly of the upload defines. A reference to one of them is the tenant's own code, which is
/// scanned where it is defined; only a name the upload does not define is judged by the allow-list (so an upload
/// cannot dodge the list by pointing a reference at its own assembly and forwarding it to the framework).
/// </summary>
internal sealed class UploadCatalog
{
    private readonly Dictionary<string, HashSet<string>> _types = new(StringComparer.OrdinalIgnoreCase);

    public UploadCatalog(IEnumerable<UploadedAssembly> assemblies)
    {
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

    public bool Defines(string assemblyName, ApiTypeName type) =>
        _types.TryGetValue(assemblyName, out var types) && types.Contains(type.FullName);
}
