using System.Text.Json.Serialization;

namespace Skein.Host.Api;

/// <summary>The answer of /healthz and /readyz: <c>{status}</c>, and <c>detail</c> when the data folder is unwritable.</summary>
internal sealed record HealthResponse(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail)
{
    public static HealthResponse Of(string status) => new(status, null);
}
