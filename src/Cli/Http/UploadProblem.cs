using System.Text.Json.Nodes;

namespace Skein.Cli.Http;

/// <summary>One reason an upload was refused, as the host's validation report lists it.</summary>
internal sealed record UploadProblem(string Code, string Where, string Reason)
{
    public static UploadProblem From(JsonObject problem)
    {
        string? Text(string name) => problem[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        var member = (Text("type"), Text("member")) switch
        {
            ({ } type, { } name) => $"{type}.{name}",
            ({ } type, null) => type,
            (null, { } name) => name,
            _ => null,
        };
        var where = string.Join(" ", new[] { Text("assembly"), member }.Where(p => p is not null));
        if (Text("api") is { } api)
        {
            where = where.Length == 0 ? $"uses {api}" : $"{where} uses {api}";
        }

        return new UploadProblem(Text("code") ?? "?", where, Text("message") ?? "");
    }
}
