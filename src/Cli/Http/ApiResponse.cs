using System.Text.Json.Nodes;

namespace Skein.Cli.Http;

/// <summary>A successful answer: its status and body (JSON, or empty for 204).</summary>
internal sealed record ApiResponse(int Status, string Body)
{
    public JsonNode? Node => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public JsonObject Object => Node as JsonObject ?? throw new CliFailure($"The server answered {Status} with unexpected content: {Body}");

    public JsonArray Array => Node as JsonArray ?? throw new CliFailure($"The server answered {Status} with unexpected content: {Body}");
}
