using System.Net.Http.Headers;
using System.Text.Json;
using Skein.Router.Nodes;

namespace Skein.Router.Api;

/// <summary>
/// <c>GET /v1/tenants</c> through the router: every node's list, merged and sorted by id. The list is all or nothing:
/// with a node down the answer is 503 naming it, not a list that silently lacks that node's tenants
/// (<c>GET /v1/placements</c> answers from the router alone).
/// </summary>
internal sealed class TenantListing(
    NodeDirectory nodes,
    NodeHealth health,
    NodeConnections connections,
    Microsoft.Extensions.Options.IOptions<RouterOptions> options,
    ILogger<TenantListing> logger)
{
    public async Task<IResult> ListAsync(HttpContext http)
    {
        var retryAfter = options.Value.HealthCheckInterval;
        var down = nodes.All.Where(n => !health.IsHealthy(n.Id)).Select(n => n.Id).ToList();
        if (down.Count > 0)
        {
            return Unavailable(http, down, retryAfter);
        }

        var answers = await Task.WhenAll(nodes.All.Select(n => FetchAsync(n, http.RequestAborted)));
        if (answers.FirstOrDefault(a => a.Refusal is not null) is { Refusal: { } refusal })
        {
            return refusal;
        }

        var failed = answers.Where(a => a.Tenants is null).Select(a => a.Node).ToList();
        if (failed.Count > 0)
        {
            return Unavailable(http, failed, retryAfter);
        }

        return Results.Json(answers.SelectMany(a => a.Tenants!)
            .OrderBy(t => t.TryGetProperty("id", out var id) ? id.GetString() : null, StringComparer.Ordinal));
    }

    private static IResult Unavailable(HttpContext http, List<string> nodes, TimeSpan retryAfter) =>
        RouterProblem.Unavailable(http, "node-unavailable", "A node is not available",
            $"The tenant list needs every node, and node(s) {string.Join(", ", nodes.Select(n => $"'{n}'"))} did not answer or are not ready. " +
            "GET /v1/placements lists where each tenant is without asking the nodes.", retryAfter,
            new Dictionary<string, object?> { ["nodes"] = nodes });

    private async Task<NodeList> FetchAsync(Node node, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, node.Prefix + "/v1/tenants");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.AdminKey);
            using var response = await connections.Client.SendAsync(request, cancellationToken);
            if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
            {
                return new NodeList(node.Id, null, RouterProblem.Problem(StatusCodes.Status502BadGateway, "node-refused-key",
                    "A node refused the router's key",
                    $"Node '{node.Id}' answered {(int)response.StatusCode} to the router's key: set Router:Nodes:{{i}}:AdminKey (or Router:AdminKey) to that node's Skein:AdminKey.",
                    new Dictionary<string, object?> { ["node"] = node.Id }));
            }

            if (!response.IsSuccessStatusCode)
            {
                return new NodeList(node.Id, null, null);
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return new NodeList(node.Id, [.. document.RootElement.EnumerateArray().Select(e => e.Clone())], null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            RouterLog.ListFailed(logger, e, node.Id);
            return new NodeList(node.Id, null, null);
        }
    }

    private sealed record NodeList(string Node, List<JsonElement>? Tenants, IResult? Refusal);
}
