using System.ComponentModel;
using System.Text.Json.Nodes;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;

namespace Skein.Cli.Commands;

/// <summary><c>skein instances describe ID</c>: a summary of the instance and a table of its steps.</summary>
[Description("Describe an instance: its status, params, output or error, and every step.")]
internal sealed class InstanceDescribeCommand(CliEnvironment environment) : SkeinCommand<IdSettings>(environment)
{
    protected override async Task<int> RunAsync(IdSettings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var response = await client.GetAsync($"{TenantPath(connection)}/instances/{Path(settings.Id)}", cancel);
        if (settings.Json)
        {
            WriteJson(response.Body);
            return ExitCodes.Ok;
        }

        Write(Out, response.Object);
        return ExitCodes.Ok;
    }

    public static void Write(IAnsiConsole console, JsonObject instance)
    {
        var summary = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Field(string name, string? value)
        {
            if (value is not null)
            {
                summary.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
            }
        }

        Field("id", Render.String(instance["id"]));
        Field("workflow", $"{Render.String(instance["workflow"])} (version {Render.String(instance["version"])})");
        Field("status", Render.String(instance["status"]));
        Field("run", Render.String(instance["run"]));
        Field("parent", instance["parent"] is { } parent ? Render.String(parent["id"]) ?? parent.ToJsonString() : null);
        Field("created", Render.Time(instance["createdAt"]));
        Field("started", Render.Time(instance["startedAt"]));
        Field("ended", Render.Time(instance["endedAt"]));
        Field("params", Render.Json(instance["params"], 200));
        Field("output", Render.Json(instance["output"], 200));
        Field("error", instance["error"] is { } error ? Render.Error(error) : null);
        console.Write(summary);

        var steps = instance["steps"]?.AsArray() ?? [];
        if (steps.Count == 0)
        {
            console.Line("No steps yet.");
            return;
        }

        var table = Render.Table("#", "type", "name", "status", "started (UTC)", "took", "attempts", "result").NoWrap(1, 3, 5);
        var position = 0;
        foreach (var step in steps)
        {
            position++;
            var count = step?["count"]?.GetValue<int>() is > 1 and var c ? $" #{c}" : "";
            table.Row(position.ToString(System.Globalization.CultureInfo.InvariantCulture), Render.String(step?["type"]),
                Render.String(step?["name"]) + count, StatusOf(step), Render.Clock(step?["start"]), Render.Duration(step?["start"], step?["end"]),
                step?["attempts"] is JsonArray attempts ? attempts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
                ResultOf(step));
        }

        console.Write(table);
    }

    private static string? StatusOf(JsonNode? step) =>
        Render.String(step?["status"]) ?? (step?["finished"]?.GetValue<bool>() switch { true => "finished", false => "pending", _ => null });

    private static string? ResultOf(JsonNode? step) =>
        step?["error"] is { } error ? Render.Error(error)
        : step?["instanceId"] is { } child ? "instance " + Render.String(child)
        : Render.Json(step?["output"]);
}
