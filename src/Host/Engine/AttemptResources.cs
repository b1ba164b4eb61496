using System.Net.Http;
using Skein.Host.Egress;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>
/// An attempt's cancellation token and HTTP client, made the first time its body asks for them: most bodies ask for
/// neither, and a linked token source plus a client per attempt were a measurable part of a step's CPU. Whatever
/// was made is bound to the attempt (the token is cancelled at its timeout and with the execution) and ends with
/// it. Thread-safe: a body may ask from any thread, a timer may time the attempt out meanwhile.
/// </summary>
internal sealed class AttemptResources(TenantEgress egress, CancellationToken execution) : IAttemptResources, IDisposable
{
    private static readonly CancellationToken Cancelled = new(canceled: true);
    private readonly object _lock = new();
    private CancellationTokenSource? _source;
    private CancellationToken _token;
    private HttpClient? _http;
    private bool _timedOut;
    private bool _ended;

    public CancellationToken CancellationToken
    {
        get
        {
            lock (_lock)
            {
                return TokenLocked();
            }
        }
    }

    public HttpClient Http
    {
        get
        {
            lock (_lock)
            {
                if (_http is not null)
                {
                    return _http;
                }

                var http = egress.CreateClient(TokenLocked());
                if (_ended)
                {
                    // Asked for after the attempt: a closed client, as the attempt's own would be by now.
                    http.Dispose();
                    return http;
                }

                return _http = http;
            }
        }
    }

    /// <summary>
    /// Marks the attempt timed out: a token asked for from now on is cancelled. Returns the source to cancel when a
    /// token was already handed out (the caller cancels it, outside this lock: its callbacks are tenant code).
    /// </summary>
    public CancellationTokenSource? TimeOut()
    {
        lock (_lock)
        {
            _timedOut = true;
            return _source;
        }
    }

    public void Dispose()
    {
        HttpClient? http;
        CancellationTokenSource? source;
        lock (_lock)
        {
            _ended = true;
            http = _http;
            source = _source;
        }

        http?.Dispose();
        source?.Dispose();
    }

    private CancellationToken TokenLocked()
    {
        if (_source is not null)
        {
            return _token;
        }

        if (_timedOut || _ended)
        {
            // The attempt is over (its outcome decided): a body still running sees it cancelled.
            return Cancelled;
        }

        _source = CancellationTokenSource.CreateLinkedTokenSource(execution);
        _token = _source.Token;
        return _token;
    }
}
