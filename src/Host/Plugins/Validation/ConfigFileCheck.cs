using System.Text.Json;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Checks the <c>.deps.json</c> and <c>.runtimeconfig.json</c> files kept from a publish folder. The plugin
/// loader resolves dependencies through them, so an asset path that climbs out of the version folder or an extra
/// probing path would let it load an assembly the scan never saw.
/// </summary>
internal static class ConfigFileCheck
{
    private static readonly string[] AssetGroups = ["runtime", "native", "resources", "runtimeTargets"];

    public static void Run(UploadEntry file, ProblemList problems)
    {
        try
        {
            using var json = JsonDocument.Parse(file.Bytes);
            var root = json.RootElement;
            if (file.Path.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase))
            {
                CheckDeps(file.Path, root, problems);
            }
            else if (root.TryGetProperty("runtimeOptions", out var options) && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("additionalProbingPaths", out _))
            {
                Add(problems, file.Path, "sets additionalProbingPaths; dependencies must come from the upload itself");
            }
        }
        catch (JsonException e)
        {
            Add(problems, file.Path, $"is not valid JSON: {e.Message}");
        }
    }

    private static void CheckDeps(string path, JsonElement root, ProblemList problems)
    {
        foreach (var target in Objects(root, "targets"))
        {
            foreach (var library in target.Value.EnumerateObject().Where(l => l.Value.ValueKind == JsonValueKind.Object))
            {
                CheckPath(path, library.Name, problems);
                foreach (var group in AssetGroups)
                {
                    foreach (var asset in Objects(library.Value, group))
                    {
                        CheckPath(path, asset.Name, problems);
                    }
                }
            }
        }

        foreach (var library in Objects(root, "libraries"))
        {
            CheckPath(path, library.Name, problems);
            foreach (var property in new[] { "path", "hashPath" })
            {
                if (library.Value.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    CheckPath(path, value.GetString()!, problems);
                }
            }
        }
    }

    private static IEnumerable<JsonProperty> Objects(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object
            ? child.EnumerateObject()
            : [];

    private static void CheckPath(string file, string assetPath, ProblemList problems)
    {
        if (ZipEntryPath.FindUnsafePart(assetPath) is { } unsafePart)
        {
            Add(problems, file, $"lists \"{assetPath}\", which has {unsafePart}; paths must stay inside the upload");
        }
    }

    private static void Add(ProblemList problems, string file, string what) =>
        problems.Add(UploadProblemCodes.BadConfigFile, file, $"{file}: {what}.");
}
