using System.Globalization;

namespace Skein.Router.Api;

/// <summary>
/// The router's own answers, as RFC 7807 ProblemDetails with the host's <c>type</c> scheme
/// (<c>urn:skein:problem:{code}</c>), so a client reads a router refusal the same way as a host's.
/// </summary>
internal static class RouterProblem
{
    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static IResult Invalid(string detail) => Problem(StatusCodes.Status400BadRequest, "invalid-request", "Invalid request", detail);

    /// <summary>503 with <c>Retry-After</c>: nothing was sent to a node, so the request may be retried as it is.</summary>
    public static IResult Unavailable(HttpContext http, string code, string title, string detail, TimeSpan retryAfter,
        IDictionary<string, object?>? extensions = null)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, code, title, detail, extensions);
    }

    /// <summary>507, the host's <c>insufficient-storage</c> type: the router's own disk had no room, nothing was changed.</summary>
    public static IResult InsufficientStorage(string detail) =>
        Problem(StatusCodes.Status507InsufficientStorage, "insufficient-storage", "Insufficient storage", detail);

    /// <summary>Names the disk a full-disk refusal is about, for its detail: "The {disk} is full, …".</summary>
    public static string RouterDisk(string dataDir) => $"disk holding the router's data folder '{dataDir}'";

    public static IResult Problem(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: "urn:skein:problem:" + code, extensions: extensions);
}
