using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Skein.Host.Api;

/// <summary>
/// Refuses fields a request type does not have, at every level of the request (not inside free JSON such as
/// <c>params</c>): a misspelt or misplaced field would otherwise be dropped without a word, e.g. parameters sent
/// without their <c>params</c> wrapper would start the workflow with none.
/// </summary>
internal static class UnknownFields
{
    public static void Refuse(JsonElement body, Type type)
    {
        var found = new List<(string Path, IReadOnlyCollection<string> Known)>();
        Collect(body, JsonSerializerOptions.Web.GetTypeInfo(type), "", found);
        if (found.Count == 0)
        {
            return;
        }

        var known = found[0].Known;
        throw ApiException.Invalid(
            $"The body has fields this request does not take: {string.Join(", ", found.Select(f => $"'{f.Path}'"))}"
            + (known.Count == 0 ? "." : $" (the fields there are {string.Join(", ", known.Select(k => $"'{k}'"))})."),
            found.ToDictionary(f => f.Path, _ => new[] { "This field is not part of the request." }));
    }

    private static void Collect(JsonElement element, JsonTypeInfo info, string path, List<(string, IReadOnlyCollection<string>)> found)
    {
        if (info.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
        {
            // Only what a body can set: a computed property is not a field a client may send.
            var properties = info.Properties.Where(p => p.Set is not null).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var field in element.EnumerateObject())
            {
                var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
                if (properties.TryGetValue(field.Name, out var property))
                {
                    Collect(field.Value, JsonSerializerOptions.Web.GetTypeInfo(property.PropertyType), fieldPath, found);
                }
                else
                {
                    found.Add((fieldPath, properties.Keys));
                }
            }
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } itemType && element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            var itemInfo = JsonSerializerOptions.Web.GetTypeInfo(itemType);
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, itemInfo, $"{path}[{index++}]", found);
            }
        }
    }
}
