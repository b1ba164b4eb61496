using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.TenantSdk.Testing.Tests;

/// <summary>
/// The history export is written by hand (streamed page by page) while the API document shows it from records: real
/// exports — a retried step with its failed attempt, a child workflow and its parent, a rollback, a continue-as-new —
/// must use exactly the names the document's <c>getInstanceHistory</c> schema declares, in both directions.
/// </summary>
public sealed class HistoryExportSchemaTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Written only when there is one: a child's parent, a step's rollback, a failed attempt's stack.</summary>
    private static readonly HashSet<string> WrittenWhenPresent = new(StringComparer.Ordinal) { "parent", "rollback", "stack" };

    [Fact]
    public async Task Real_exports_use_exactly_the_names_the_api_document_declares()
    {
        using var api = await HostApi.NewTenantWithKitWorkflowsAsync(host);
        await api.StartAsync("retry", new { fails = 1 }, "s-retry");
        await api.StartAsync("parent", 3, "s-parent");
        await api.StartAsync("saga", null, "s-saga");
        await api.StartAsync("looper", 0, "s-loop");
        foreach (var id in new[] { "s-retry", "s-parent", "s-saga", "s-loop" })
        {
            await api.WaitForStatusAsync(id, "complete", "errored");
        }

        var child = (await api.DescribeAsync("s-parent")).Steps.Single(s => s.Type == "childWorkflow").InstanceId!;
        var document = (await api.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var schema = document["paths"]!["/v1/tenants/{tenant}/instances/{id}/history"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var written = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var id in new[] { "s-retry", "s-parent", child, "s-saga", "s-loop" })
        {
            var export = JsonNode.Parse(await api.HistoryAsync(id))!;
            Check(document, export, schema, "$", written, failures);
        }

        Assert.True(failures.Count == 0, "The export and its schema disagree:\n" + string.Join("\n", failures.Distinct()));
        var declared = new HashSet<string>(StringComparer.Ordinal);
        Declared(document, schema, "$", declared, []);
        var neverWritten = declared.Where(path => !written.Contains(path) && !WrittenWhenPresent.Contains(path[(path.LastIndexOf('.') + 1)..])).ToList();
        Assert.True(neverWritten.Count == 0, "Declared but never written: " + string.Join(", ", neverWritten));
    }

    // Walks a real value beside its schema: every property written must be declared (paths are recorded without
    // array indexes, so what was written can be compared with what is declared).
    private static void Check(JsonObject document, JsonNode? value, JsonNode schema, string path, HashSet<string> written, List<string> failures)
    {
        var resolved = Resolve(document, schema);
        if (value is JsonObject obj)
        {
            var properties = Properties(document, resolved);
            if (properties is null)
            {
                return; // free JSON (params, output, data): anything goes
            }

            foreach (var (name, child) in obj)
            {
                written.Add($"{path}.{name}");
                if (properties.TryGetValue(name, out var childSchema))
                {
                    Check(document, child, childSchema, $"{path}.{name}", written, failures);
                }
                else
                {
                    failures.Add($"{path}.{name} is written but not declared");
                }
            }
        }
        else if (value is JsonArray array && Items(document, resolved) is { } items)
        {
            foreach (var element in array)
            {
                Check(document, element, items, path, written, failures);
            }
        }
    }

    private static void Declared(JsonObject document, JsonNode schema, string path, HashSet<string> declared, HashSet<string> seen)
    {
        var resolved = Resolve(document, schema);
        if (Items(document, resolved) is { } items)
        {
            Declared(document, items, path, declared, seen);
        }

        foreach (var (name, child) in Properties(document, resolved) ?? [])
        {
            if (declared.Add($"{path}.{name}") && seen.Add($"{path}.{name}"))
            {
                Declared(document, child!, $"{path}.{name}", declared, seen);
            }
        }
    }

    // A schema and the schemas it is made of ($ref, and the oneOf/anyOf/allOf a nullable reference is spelled with).
    private static IEnumerable<JsonObject> Resolve(JsonObject document, JsonNode schema)
    {
        if (schema is not JsonObject obj)
        {
            yield break;
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            foreach (var part in Resolve(document, document["components"]!["schemas"]![name]!))
            {
                yield return part;
            }

            yield break;
        }

        yield return obj;
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            foreach (var member in obj[combinator]?.AsArray() ?? [])
            {
                foreach (var part in Resolve(document, member!))
                {
                    yield return part;
                }
            }
        }
    }

    private static Dictionary<string, JsonNode>? Properties(JsonObject document, IEnumerable<JsonObject> schema)
    {
        var properties = schema.Where(s => s["properties"] is JsonObject).SelectMany(s => s["properties"]!.AsObject()).ToList();
        return properties.Count == 0 ? null : properties.ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
    }

    private static JsonNode? Items(JsonObject document, IEnumerable<JsonObject> schema) =>
        schema.Select(s => s["items"]).FirstOrDefault(i => i is not null);
}
