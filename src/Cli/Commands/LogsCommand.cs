using System.ComponentModel;
using System.Text.Json.Nodes;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein logs ID [--follow]</c>: the lines the instance's workflow code logged; <c>--follow</c> keeps reading the stream until it ends.</summary>
[Description("Print what an instance's workflow code logged; --follow prints new lines live until the instance ends.")]
internal sealed class LogsCommand(CliEnvironment environment) : SkeinCommand<LogsCommand.Settings>(environment)
{
    internal sealed class Settings : IdSettings
    {
        [CommandOption("-f|--follow")]
        [Description("Keep printing lines as they are logged, until the instance ends.")]
        public bool Follow { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var tenantPath = TenantPath(connection);
        if (settings.Follow)
        {
            // The stream sends the whole history first, so following shows the earlier lines too, once each.
            await StreamFailures.GuardAsync(client, async () =>
            {
                await foreach (var e in InstanceStream.FollowAsync(client, tenantPath, settings.Id, cancel))
                {
                    if (e.Event == "log" && JsonNode.Parse(e.Data) is JsonObject line)
                    {
                        line["seq"] = e.Id is { } id && long.TryParse(id, out var seq) ? seq : null;
                        Print(settings, line);
                    }
                }
            });
            return ExitCodes.Ok;
        }

        var all = new JsonArray();
        string? cursor = null;
        do
        {
            var page = (await client.GetAsync($"{tenantPath}/instances/{Path(settings.Id)}/logs?limit=1000"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), cancel)).Object;
            foreach (var line in page["items"]?.AsArray() ?? [])
            {
                if (settings.Json)
                {
                    all.Add(line?.DeepClone());
                }
                else
                {
                    Out.Line(StreamLines.Log(line));
                }
            }

            cursor = Render.String(page["nextCursor"]);
        }
        while (cursor is not null);

        if (settings.Json)
        {
            WriteJson(new JsonObject { ["items"] = all, ["nextCursor"] = null });
        }

        return ExitCodes.Ok;
    }

    private void Print(Settings settings, JsonObject line)
    {
        if (settings.Json)
        {
            Environment.RawOut.WriteLine(line.ToJsonString());
            Environment.RawOut.Flush();
        }
        else
        {
            Out.Line(StreamLines.Log(line));
        }
    }
}
