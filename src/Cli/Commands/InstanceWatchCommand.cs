using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skein.Cli.Http;
using Skein.Cli.Output;

namespace Skein.Cli.Commands;

/// <summary>
/// <c>skein instances watch ID</c>: follows the instance's event stream live until it ends, a line per event
/// (<c>--json</c>: one JSON object per line). The exit code says how it ended: 0 complete, 1 errored or terminated.
/// </summary>
[Description("Follow an instance's events live until it ends.")]
internal sealed class InstanceWatchCommand(CliEnvironment environment) : SkeinCommand<IdSettings>(environment)
{
    protected override async Task<int> RunAsync(IdSettings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var tenantPath = TenantPath(connection);
        string? status = null;
        await StreamFailures.GuardAsync(client, async () =>
        {
            await foreach (var e in InstanceStream.FollowAsync(client, tenantPath, settings.Id, cancel))
            {
                var data = ParseData(e.Data);
                if (e.Event == "status" && Render.String(data?["status"]) is { } s)
                {
                    status = s;
                }

                if (settings.Json)
                {
                    var line = new JsonObject { ["id"] = e.Id, ["event"] = e.Event, ["data"] = data };
                    Environment.RawOut.WriteLine(line.ToJsonString());
                    Environment.RawOut.Flush();
                }
                else
                {
                    Out.Line(StreamLines.Describe(e, data));
                }
            }
        });
        return status is "errored" or "terminated" ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static JsonNode? ParseData(string data)
    {
        try
        {
            return JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return JsonValue.Create(data);
        }
    }
}
