using System.Text.Json;

namespace Skein.Host.Engine;

/// <summary>
/// The instance operations of a node (DESIGN §3): create, describe, list, control, events and status waits, on the
/// tenant runtimes that <see cref="TenantRuntimes"/> hosts. It knows nothing of HTTP; the API and the tests drive it
/// through these methods.
/// </summary>
internal sealed partial class WorkflowEngine(TenantRuntimes runtimes, IWorkflowResolver resolver, TimeProvider time)
{
    /// <summary>Checks that <paramref name="json"/> is within the payload limit and deserializes as <paramref name="type"/>.</summary>
    private static string ValidatePayload(TenantRuntime runtime, string? json, Type type, JsonSerializerOptions options, string what)
    {
        json = string.IsNullOrWhiteSpace(json) ? "null" : json;
        var limit = runtime.Limits.MaxPayloadBytes;
        if (JsonText.Utf8Bytes(json) > limit)
        {
            throw new PayloadTooLargeException($"The {what} are larger than the tenant's limit of {limit} bytes.");
        }

        try
        {
            JsonSerializer.Deserialize(json, type, options);
        }
        catch (JsonException error)
        {
            throw new InvalidRequestException($"The {what} are not valid for {type.Name}: {error.Message}");
        }

        return json;
    }
}
