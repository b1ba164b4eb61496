using System.Text.Json.Nodes;

namespace Skein.Cli.Http;

/// <summary>The server refused the request with an RFC 7807 ProblemDetails (or an answer that is not one): exit code 1.</summary>
internal sealed class ProblemException(int status, string body, JsonObject? problem) : Exception(MessageOf(status, problem))
{
    public int Status { get; } = status;

    /// <summary>The answer as received, for <c>--json</c>.</summary>
    public string Body { get; } = body;

    public JsonObject? Problem { get; } = problem;

    /// <summary>Every reason the problem lists: invalid fields (<c>errors</c>) as "field: message".</summary>
    public IReadOnlyList<string> Reasons =>
        Problem?["errors"] is JsonObject errors
            ? [.. errors.SelectMany(entry => entry.Value is JsonArray messages
                ? messages.Select(m => $"{entry.Key}: {m}")
                : [$"{entry.Key}: {entry.Value}"])]
            : [];

    /// <summary>An upload's validation report (<c>problems</c>): each rejected API with the code, where it is used and why.</summary>
    public IReadOnlyList<UploadProblem> UploadProblems =>
        Problem?["problems"] is JsonArray problems
            ? [.. problems.OfType<JsonObject>().Select(UploadProblem.From)]
            : [];

    private static string MessageOf(int status, JsonObject? problem)
    {
        var title = problem?["title"]?.GetValue<string>();
        var detail = problem?["detail"]?.GetValue<string>();
        return (title, detail) switch
        {
            ({ } t, { } d) => $"{t}: {d}",
            ({ } t, null) => t,
            (null, { } d) => d,
            _ => $"The server answered {status} without a problem description.",
        };
    }
}
