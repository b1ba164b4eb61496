using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skein.Cli.Http;

/// <summary>
/// The host's (or router's) HTTP API with a key: every refusal becomes a <see cref="ProblemException"/>, a host that
/// cannot be reached a <see cref="CliFailure"/> naming it — never an exception a user has to read a stack trace for.
/// </summary>
internal sealed class SkeinClient : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);
    private readonly HttpClient _http;

    public SkeinClient(Uri baseUrl, string? key, HttpMessageHandler? handler)
    {
        // Timeouts are per call (a wait or a stream can run long), so the client itself never times out.
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseUrl;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        if (key is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    public Uri BaseUrl => _http.BaseAddress!;

    public static HttpContent JsonBody(JsonNode? body) =>
        new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancel) => SendAsync(HttpMethod.Get, path, null, cancel);

    public Task<ApiResponse> PostAsync(string path, JsonNode? body, CancellationToken cancel) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonBody(body), cancel);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken cancel) => SendAsync(HttpMethod.Delete, path, null, cancel);

    /// <summary>Sends a request and reads the whole answer; <paramref name="timeout"/> bounds the wait (100 s by default).</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancel, TimeSpan? timeout = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await OpenAsync(request, cancel, timeout ?? DefaultTimeout);
        return new ApiResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
    }

    /// <summary>Sends a request and returns the answer once its headers are in (the caller reads the body as it streams).</summary>
    public async Task<HttpResponseMessage> OpenAsync(HttpRequestMessage request, CancellationToken cancel, TimeSpan? headersTimeout = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(headersTimeout ?? DefaultTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure($"Cannot reach {BaseUrl}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new CliFailure($"{BaseUrl} did not answer {request.Method} {request.RequestUri} within {headersTimeout ?? DefaultTimeout}.");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancel);
            throw new ProblemException((int)response.StatusCode, body, TryParse(body));
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
