namespace Skein.Host.Api;

/// <summary>An HTTP-level refusal: no key (401), not allowed (403), or a body that cannot be read (400/413/415).</summary>
internal sealed class ApiException(int status, string code, string title, string detail, IDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Title { get; } = title;

    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiException Unauthorized() => new(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized",
        "Send an API key as 'Authorization: Bearer <key>': the operator's admin key or a key of the tenant.");

    public static ApiException Forbidden(string what) => new(StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
        $"{what} needs the operator's admin key; a tenant key cannot do it.");

    public static ApiException Invalid(string detail, IDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status400BadRequest, "invalid-request", "Invalid request", detail, errors);
}
