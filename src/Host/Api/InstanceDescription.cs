using System.Text.Json.Nodes;

namespace Skein.Host.Api;

/// <summary>An instance as the API describes it (DESIGN §3).</summary>
internal sealed record InstanceDescription(
    string Id,
    string Workflow,
    int Version,
    string Status,
    JsonNode? Params,
    JsonNode? Output,
    ErrorDescription? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<StepDescription> Steps,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    ParentDescription? Parent = null)
{
    /// <summary>
    /// The W3C trace id the instance's runs are traced under (the request that created it, when it carried one):
    /// look it up in the operator's tracing backend. Null for instances created before the host kept it.
    /// </summary>
    public string? TraceId { get; init; }

    /// <summary>The run the instance is in, from 1 (continue-as-new starts the next); absent from list items.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Run { get; init; }

    /// <summary>The earlier runs, oldest first (the last 100 are kept); absent from list items.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RunDescription>? Runs { get; init; }
}
