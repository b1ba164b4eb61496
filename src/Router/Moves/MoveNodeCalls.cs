using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Skein.Router.Nodes;

namespace Skein.Router.Moves;

/// <summary>
/// The router's own calls to the nodes for a move, each with the node's admin key (<c>Router:Nodes:{i}:AdminKey</c>).
/// The copy streams the source's backup straight into the target's restore: the router holds a buffer, never the archive.
/// </summary>
internal sealed class MoveNodeCalls(NodeDirectory nodes, NodeConnections connections)
{
    /// <summary>A freeze waits for the tenant's running requests (up to about 35 s on the host); the other calls are short.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Whether <paramref name="nodeId"/> has the tenant.</summary>
    public async Task<bool> HasTenantAsync(string nodeId, string tenant, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(nodeId, HttpMethod.Get, $"/v1/tenants/{tenant}", cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw await RefusedAsync(nodeId, "checking for tenant " + tenant, response),
        };
    }

    public async Task FreezeAsync(string nodeId, string tenant, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(nodeId, HttpMethod.Post, $"/v1/tenants/{tenant}/freeze", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await RefusedAsync(nodeId, "freezing the tenant", response);
        }
    }

    /// <summary>Unfreezes the tenant; a node without it has nothing to unfreeze.</summary>
    public async Task UnfreezeAsync(string nodeId, string tenant, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(nodeId, HttpMethod.Post, $"/v1/tenants/{tenant}/unfreeze", cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
        {
            throw await RefusedAsync(nodeId, "unfreezing the tenant", response);
        }
    }

    /// <summary>
    /// Deletes the tenant on the node: 204, or 200 when the node keeps stored backups of it (they stay there, as a
    /// delete by hand leaves them); a node without it has nothing to delete.
    /// </summary>
    public async Task DeleteAsync(string nodeId, string tenant, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(nodeId, HttpMethod.Delete, $"/v1/tenants/{tenant}", cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.NotFound))
        {
            throw await RefusedAsync(nodeId, "deleting the tenant", response);
        }
    }

    /// <summary>
    /// Streams <c>GET /v1/tenants/{tenant}/backup</c> of the source into <c>POST /v1/tenants/{tenant}/restore</c> of
    /// the target. <paramref name="bodySent"/> runs once the whole archive has been sent, while the target verifies it.
    /// </summary>
    public async Task CopyAsync(string from, string to, string tenant, Action bodySent, CancellationToken cancellationToken)
    {
        var source = Require(from);
        var target = Require(to);
        using var backupRequest = Request(source, HttpMethod.Get, $"/v1/tenants/{tenant}/backup");
        using var backup = await connections.Transfers.SendAsync(backupRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (backup.StatusCode != HttpStatusCode.OK)
        {
            throw await RefusedAsync(from, "taking the backup", backup);
        }

        await using var archive = await backup.Content.ReadAsStreamAsync(cancellationToken);
        using var restoreRequest = Request(target, HttpMethod.Post, $"/v1/tenants/{tenant}/restore");
        restoreRequest.Content = new UploadContent(archive, bodySent);
        restoreRequest.Content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        if (backup.Content.Headers.ContentLength is { } length)
        {
            restoreRequest.Content.Headers.ContentLength = length;
        }

        using var restored = await connections.Transfers.SendAsync(restoreRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (restored.StatusCode != HttpStatusCode.OK)
        {
            throw await RefusedAsync(to, "restoring the backup", restored);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string nodeId, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var node = Require(nodeId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        using var request = Request(node, method, path);
        try
        {
            return await connections.Transfers.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MoveStepException($"Node '{nodeId}' did not answer {method} {path} within {CallTimeout.TotalMinutes} minutes.", e);
        }
        catch (HttpRequestException e)
        {
            throw new MoveStepException($"Node '{nodeId}' could not be reached for {method} {path}: {e.Message}", e);
        }
    }

    private Node Require(string nodeId) => nodes.Find(nodeId)
        ?? throw new MoveStepException($"Node '{nodeId}' is not in this router's configuration (Router:Nodes).");

    private static HttpRequestMessage Request(Node node, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(node.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.AdminKey);
        return request;
    }

    private static async Task<MoveStepException> RefusedAsync(string nodeId, string what, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var detail = body;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var d)
                && d.ValueKind == JsonValueKind.String)
            {
                detail = d.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails: the raw text says what there is to say.
        }

        if (detail.Length > 500)
        {
            detail = detail[..500] + "…";
        }

        return new MoveStepException($"Node '{nodeId}' answered {(int)response.StatusCode} to {what}: {detail}");
    }
}
