using System.Text.Json;

namespace Skein.Host.Demo;

/// <summary>The demo tenants' keys in <c>{DataDir}/demo.json</c>, rewritten atomically after each change.</summary>
internal sealed class DemoKeys
{
    private readonly string _file;
    private readonly Dictionary<string, string> _keys;

    public DemoKeys(string file)
    {
        _file = file;
        _keys = File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? []
            : [];
    }

    public Dictionary<string, string> All => new(_keys);

    public string? Get(string tenant) => _keys.GetValueOrDefault(tenant);

    public void Save(string tenant, string key)
    {
        _keys[tenant] = key;
        Storage.DurableFiles.WriteAtomically(_file, JsonSerializer.SerializeToUtf8Bytes(_keys));
    }
}
