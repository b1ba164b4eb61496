using System.Net.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Skein.Host.Egress;
using Skein.Host.Engine;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// An attempt's token and HTTP client are made when its body first asks, yet behave as if made with the attempt:
/// one client per attempt, closed when it ends, bound to the attempt's token; the token cancelled at the timeout and
/// with the execution, whenever it was asked for.
/// </summary>
public sealed class AttemptResourcesTests : IDisposable
{
    private readonly TenantEgress _egress = new("acme", new EgressOptions(), NullLogger.Instance);
    private readonly CancellationTokenSource _execution = new();

    public void Dispose()
    {
        _execution.Dispose();
        _egress.Dispose();
    }

    [Fact]
    public async Task A_body_that_asks_for_http_gets_one_client_for_the_attempt_closed_when_the_attempt_ends()
    {
        var attempt = new AttemptResources(_egress, _execution.Token);
        var client = attempt.Http;

        Assert.Same(client, attempt.Http);
        attempt.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync("http://127.0.0.1:9/"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => attempt.Http.GetAsync("http://127.0.0.1:9/"));
    }

    [Fact]
    public async Task The_client_asked_for_before_any_token_ends_its_calls_when_the_attempt_times_out()
    {
        using var attempt = new AttemptResources(_egress, _execution.Token);
        var client = attempt.Http;

        var handedOut = attempt.TimeOut();

        Assert.NotNull(handedOut);
        await handedOut.CancelAsync();
        Assert.True(attempt.CancellationToken.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("http://127.0.0.1:9/"));
    }

    [Fact]
    public void A_token_asked_for_after_the_timeout_is_cancelled_already_and_none_was_made_before()
    {
        using var attempt = new AttemptResources(_egress, _execution.Token);

        Assert.Null(attempt.TimeOut());
        Assert.True(attempt.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public async Task The_token_follows_the_execution_whether_asked_for_before_or_after_it_is_cancelled()
    {
        using var early = new AttemptResources(_egress, _execution.Token);
        using var late = new AttemptResources(_egress, _execution.Token);
        var token = early.CancellationToken;
        Assert.False(token.IsCancellationRequested);

        await _execution.CancelAsync();

        Assert.True(token.IsCancellationRequested);
        Assert.True(late.CancellationToken.IsCancellationRequested);
    }
}
