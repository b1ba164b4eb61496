using System.Text.Json.Nodes;
using Skein.Cli.Http;

namespace Skein.Cli.Output;

/// <summary>An instance's stream events as one readable line each.</summary>
internal static class StreamLines
{
    public static string Describe(ServerSentEvent e, JsonNode? data)
    {
        var prefix = e.Id is { } id ? $"[{id}] " : "";
        string? Field(string name) => Render.String(data?[name]);
        var text = e.Event switch
        {
            "status" => $"status  {Field("status")}{(data?["error"] is { } error ? "  " + Render.Error(error) : "")}",
            "step" => $"{Field("type")}  {Field("name")}{(data?["count"]?.GetValue<int>() is > 1 and var c ? $" #{c}" : "")}  {Field("status")}"
                + (data?["attempt"] is { } attempt ? $"  attempt {Render.String(attempt["attempt"])}" : "")
                + (data?["error"] is { } stepError ? "  " + Render.Error(stepError) : ""),
            "event" => $"event   {Field("type")} received",
            "log" => Log(data),
            "end" => "end",
            "reset" => "reset   (the cursor is not in this history; from the start)",
            _ => $"{e.Event}  {Render.Json(data, 120)}",
        };
        return prefix + text;
    }

    public static string Log(JsonNode? line)
    {
        var step = line?["step"] is { } s ? $" [{Render.String(s["name"])}#{Render.String(s["count"])}]" : "";
        return $"{Render.Time(line?["at"])} {Render.String(line?["level"])}{step}: {Render.String(line?["message"])}";
    }
}
