using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Skein.Router.Forwarding;

/// <summary>
/// How long a forwarded exchange may stay silent before the router gives up on it (504, or a cut stream). A node is
/// legitimately silent for longer in two cases, which get their own limit rather than forcing one long limit on
/// every request: a <c>?wait=</c> request (silent for up to its wait, then it answers) and an instance's event
/// stream (silent while the instance sleeps or waits for an event).
/// </summary>
internal sealed partial class ForwardTimeouts(IOptions<RouterOptions> options)
{
    /// <summary>The host's longest <c>?wait=</c>; a longer one is refused by the host before it waits.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _activity = options.Value.ActivityTimeout;
    private readonly TimeSpan _stream = options.Value.StreamActivityTimeout;

    public TimeSpan For(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) && IsEventStream(request))
        {
            return _stream;
        }

        // The wait, then the usual limit for the answer itself. A value the host will refuse gets the usual limit:
        // the host answers it at once.
        return Wait(request.Query["wait"]) is { } wait ? _activity + wait : _activity;
    }

    private static bool IsEventStream(HttpRequest request) =>
        request.Path.Value?.EndsWith("/stream", StringComparison.Ordinal) == true
        || request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host's <c>?wait=</c> grammar (<c>30s</c>, <c>2m</c>, <c>500ms</c>, seconds), bounded by its 5-minute maximum.</summary>
    private static TimeSpan? Wait(string? value)
    {
        if (string.IsNullOrEmpty(value) || Pattern().Match(value) is not { Success: true } match)
        {
            return null;
        }

        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unitMs = match.Groups[2].Value switch
        {
            "ms" => 1.0,
            "m" => 60_000.0,
            _ => 1_000.0,
        };
        var ms = amount * unitMs;
        return ms <= MaxWait.TotalMilliseconds ? TimeSpan.FromMilliseconds(ms) : null;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s|m)?\z")]
    private static partial Regex Pattern();
}
