using Microsoft.AspNetCore.Http.Features;
using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>
/// The one way an endpoint reads its request body: never more than the endpoint's limit. A declared
/// <c>Content-Length</c> over the limit is refused (413) before a byte is read, so a client cannot make the host wait
/// for, or hold, a body it will refuse; a chunked body is counted while it arrives and refused at the limit.
/// </summary>
internal static class BoundedBody
{
    /// <summary>Room for what wraps a payload in a JSON request (an id, the field names, whitespace).</summary>
    public const int Envelope = 16 * 1024;

    private const int Chunk = 16 * 1024;

    /// <summary>Reads the whole body into memory; <paramref name="what"/> names it in the refusal ("The upload").</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContext http, long limit, string what)
    {
        // An endpoint's limit can pass what one buffer holds (a batch under a 64 MiB payload limit is 6.4 GB).
        limit = Math.Min(limit, Array.MaxLength);
        Bound(http, limit, what);
        // A declared length sizes the buffer once; small bodies stay off the large object heap.
        using var buffer = new MemoryStream((int)Math.Min(http.Request.ContentLength ?? Chunk, limit));
        await CopyBoundedAsync(http, buffer, limit, what);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>Copies the body to <paramref name="destination"/> (a file); returns the bytes copied.</summary>
    public static async Task<long> CopyToAsync(HttpContext http, Stream destination, long limit, string what)
    {
        Bound(http, limit, what);
        return await CopyBoundedAsync(http, destination, limit, what);
    }

    private static void Bound(HttpContext http, long limit, string what)
    {
        if (http.Request.ContentLength > limit)
        {
            throw new PayloadTooLargeException($"{what} is {http.Request.ContentLength} bytes; this endpoint accepts at most {limit}.");
        }

        // Kestrel then enforces the same limit itself, for this request only (raised or lowered from its default).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
    }

    private static async Task<long> CopyBoundedAsync(HttpContext http, Stream destination, long limit, string what)
    {
        var chunk = new byte[(int)Math.Min(Chunk, limit + 1)];
        long total = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new PayloadTooLargeException($"{what} is larger than this endpoint accepts ({limit} bytes).");
            }

            await destination.WriteAsync(chunk.AsMemory(0, read), http.RequestAborted);
        }

        return total;
    }
}
