using System.ComponentModel;
using System.Text.Json.Nodes;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein instances list [--workflow W] [--status S] [--limit N] [--cursor C] [--all]</c>.</summary>
[Description("List instances, oldest first, a page at a time (--all for every page).")]
internal sealed class InstanceListCommand(CliEnvironment environment) : SkeinCommand<InstanceListCommand.Settings>(environment)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandOption("--workflow <WORKFLOW>")]
        [Description("Only instances of this workflow.")]
        public string? Workflow { get; init; }

        [CommandOption("--status <STATUS>")]
        [Description("Only instances in this status (queued, running, paused, waitingForPause, waiting, complete, errored, terminated).")]
        public string? Status { get; init; }

        [CommandOption("--limit <N>")]
        [Description("Instances per page, 1–1000 (default 50).")]
        public int? Limit { get; init; }

        [CommandOption("--cursor <CURSOR>")]
        [Description("Start after this cursor (the nextCursor of the previous page).")]
        public string? Cursor { get; init; }

        [CommandOption("--all")]
        [Description("Follow nextCursor through every page.")]
        public bool All { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var items = new JsonArray();
        var cursor = settings.Cursor;
        string body;
        do
        {
            var query = Query(settings, cursor);
            var response = await client.GetAsync($"{TenantPath(connection)}/instances{query}", cancel);
            body = response.Body;
            var page = response.Object;
            foreach (var item in page["items"]?.AsArray() ?? [])
            {
                items.Add(item?.DeepClone());
            }

            cursor = Render.String(page["nextCursor"]);
        }
        while (settings.All && cursor is not null);

        if (settings.Json)
        {
            // One page is the server's answer as it is; every page is their items with no next cursor.
            WriteJson(settings.All ? new JsonObject { ["items"] = items, ["nextCursor"] = null }.ToJsonString() : body);
            return ExitCodes.Ok;
        }

        var table = Render.Table("id", "workflow", "version", "status", "created", "ended");
        foreach (var item in items)
        {
            table.Row(Render.String(item?["id"]), Render.String(item?["workflow"]), Render.String(item?["version"]),
                Render.String(item?["status"]), Render.Time(item?["createdAt"]), Render.Time(item?["endedAt"]) ?? "-");
        }

        Out.Write(table);
        if (cursor is not null)
        {
            Out.Line($"More: skein instances list --cursor {cursor} (or --all)");
        }

        return ExitCodes.Ok;
    }

    private static string Query(Settings settings, string? cursor)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("workflow", settings.Workflow);
        Add("status", settings.Status);
        Add("limit", settings.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
