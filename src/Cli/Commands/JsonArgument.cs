using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skein.Cli.Commands;

/// <summary>JSON given on the command line: JSON that does not parse is a usage error (exit code 2), said with the option's name.</summary>
internal static class JsonArgument
{
    public static JsonNode? Parse(string text, string option)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{option} is not valid JSON ({e.Message}): e.g. {option} '{{\"orderId\":\"o-1\"}}'.");
        }
    }
}
