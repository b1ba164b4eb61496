using Microsoft.AspNetCore.Http;
using Skein.Host.Api;
using Skein.Host.Engine;

namespace Skein.Host.Tests.Api;

/// <summary>
/// An endpoint's limit can be larger than one in-memory body can hold (a batch of 100 creates under a 64 MiB payload
/// limit is 6.4 GB): a body that large is refused like any other oversized body (413), not with an overflow (500).
/// </summary>
public sealed class BoundedBodyTests
{
    private const long BatchLimitAt64MiB = 100 * (64L * 1024 * 1024 + BoundedBody.Envelope);

    [Fact]
    public async Task A_declared_length_past_what_memory_can_hold_is_refused_as_too_large_before_reading()
    {
        var http = new DefaultHttpContext();
        http.Request.ContentLength = 3_000_000_000;
        http.Request.Body = new MemoryStream([(byte)'[']);

        var refused = await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => BoundedBody.ReadAsync(http, BatchLimitAt64MiB, "The body"));

        Assert.Equal($"The body is 3000000000 bytes; this endpoint accepts at most {Array.MaxLength}.", refused.Message);
        Assert.Equal(1, http.Request.Body.Length - http.Request.Body.Position);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream("""[{"id":"a"}]"""u8.ToArray());

        var body = await BoundedBody.ReadAsync(http, BatchLimitAt64MiB, "The body");

        Assert.Equal("""[{"id":"a"}]""", System.Text.Encoding.UTF8.GetString(body.Span));
    }
}
