using System.Text.Json;
using FluentValidation;

namespace Skein.Host.Api;

/// <summary>Reads and validates JSON bodies, answering with every problem at once.</summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, bool allowEmpty = false)
        where T : class, new()
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
        {
            return allowEmpty ? new T() : throw ApiException.Invalid($"The request needs a JSON body ({typeof(T).Name}).");
        }

        T? body;
        try
        {
            buffer.Position = 0;
            body = JsonSerializer.Deserialize<T>(buffer, JsonSerializerOptions.Web);
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

    /// <summary>The raw body as text (event payloads are stored as sent).</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            throw new Engine.PayloadTooLargeException($"The body is {request.ContentLength} bytes; the limit is {limit}.");
        }

        using var reader = new StreamReader(request.Body);
        // Small bodies are the rule (events, trigger params): a small buffer keeps them off the large object heap.
        var buffer = new char[(int)Math.Min(limit + 1, Math.Min(request.ContentLength + 1 ?? 4096, 16 * 1024))];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > limit)
            {
                throw new Engine.PayloadTooLargeException($"The body is larger than the limit of {limit} bytes.");
            }
        }

        return text.ToString();
    }
}
