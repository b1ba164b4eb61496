using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skein.Router.Api;

/// <summary>
/// Reads the small JSON body of a router admin request (a move, a re-point): at most <see cref="MaxBytes"/>, refused
/// from <c>Content-Length</c> before reading and while reading a chunked body; unknown fields refused.
/// </summary>
internal static class SmallJsonBody
{
    /// <summary>Bodies like <c>{"to":"b"}</c> are a few bytes; anything near this bound is not one.</summary>
    public const int MaxBytes = 4 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// The request as <typeparamref name="T"/>, or the problem to answer: 413 naming <paramref name="what"/>, 400 with
    /// <paramref name="shape"/> and why (a <paramref name="required"/> field missing, or the JSON error).
    /// </summary>
    public static async Task<(T? Request, IResult? Invalid)> ReadAsync<T>(HttpContext http, string what, string shape,
        string required, Func<T, string?> field)
        where T : class
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            return (null, TooLarge(what));
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted)) > 0)
        {
            length += read;
            if (length > MaxBytes)
            {
                return (null, TooLarge(what));
            }
        }

        try
        {
            var request = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), Json);
            return request is not null && field(request) is { Length: > 0 }
                ? (request, null)
                : (null, RouterProblem.Invalid($"{shape}: '{required}' is missing or empty."));
        }
        catch (JsonException e)
        {
            return (null, RouterProblem.Invalid($"{shape}; {e.Message}"));
        }
    }

    private static IResult TooLarge(string what) => RouterProblem.Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large",
        "Payload too large", $"{what} is at most {MaxBytes} bytes of JSON.");
}
