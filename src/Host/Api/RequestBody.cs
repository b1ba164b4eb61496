using System.Text;
using System.Text.Json;
using FluentValidation;
using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>
/// Reads JSON bodies through <see cref="BoundedBody"/> and refuses, before anything is stored, a body that is not
/// JSON, whose text is not Unicode, or that carries fields the request does not take, answering with every
/// problem at once.
/// </summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, long limit, bool allowEmpty = false)
        where T : class, new()
    {
        var bytes = WithoutBom(await BoundedBody.ReadAsync(request.HttpContext, limit, "The body"));
        if (IsBlank(bytes.Span))
        {
            return allowEmpty ? new T() : throw ApiException.Invalid($"The request needs a JSON body ({typeof(T).Name}).");
        }

        RefuseInvalidText(bytes.Span);
        T? body;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            UnknownFields.Refuse(document.RootElement, typeof(T));
            body = document.Deserialize<T>(JsonSerializerOptions.Web);
        }
        catch (JsonException error)
        {
            throw ApiException.Invalid($"The body is not valid JSON for this request: {error.Message}");
        }

        if (body is null)
        {
            return allowEmpty ? new T() : throw ApiException.Invalid("The body is JSON null; send an object.");
        }

        var validator = request.HttpContext.RequestServices.GetService<IValidator<T>>();
        if (validator is not null)
        {
            var result = await validator.ValidateAsync(body, request.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                var errors = result.Errors.GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
                throw ApiException.Invalid(
                    "The request has invalid fields: " + string.Join("; ", result.Errors.Select(e => e.ErrorMessage)), errors);
            }
        }

        return body;
    }

    /// <summary>The body as JSON text, stored as sent (event payloads, trigger bodies); empty when there is none.</summary>
    public static async Task<string> ReadJsonTextAsync(HttpRequest request, long limit)
    {
        var bytes = WithoutBom(await BoundedBody.ReadAsync(request.HttpContext, limit, "The body"));
        if (IsBlank(bytes.Span))
        {
            return "";
        }

        RefuseInvalidText(bytes.Span);
        return Encoding.UTF8.GetString(bytes.Span);
    }

    private static void RefuseInvalidText(ReadOnlySpan<byte> utf8)
    {
        if (JsonText.FindProblem(utf8) is { } problem)
        {
            throw ApiException.Invalid("The body cannot be accepted: " + problem);
        }
    }

    // Some clients (Windows PowerShell) start UTF-8 with a byte order mark; it is not part of the JSON.
    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private static bool IsBlank(ReadOnlySpan<byte> utf8) => utf8.Trim(" \t\r\n"u8).IsEmpty;
}
