using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Skein.Host.Engine;

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
    IReadOnlyList<StepDescription> Steps);

/// <summary>An error's type name and message.</summary>
internal sealed record ErrorDescription(string Name, string Message);

/// <summary>One step, sleep or wait of a described instance; fields that do not apply to its type are null.</summary>
internal sealed record StepDescription(
    string Type,
    string Name,
    int Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status,
    DateTimeOffset Start,
    DateTimeOffset? End,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Finished,
    JsonNode? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorDescription? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttemptDescription>? Attempts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RollbackDescription? Rollback);

/// <summary>One attempt of a step.</summary>
internal sealed record AttemptDescription(int Attempt, DateTimeOffset Start, DateTimeOffset End, bool Success, ErrorDescription? Error);

/// <summary>Whether a step's rollback handler ran, and how.</summary>
internal sealed record RollbackDescription(string Status, string? Error);

/// <summary>The outcome of a create: the instance and whether this call created it.</summary>
internal sealed record CreatedInstance(string Id, string Workflow, int Version, string Status, bool Created, InstanceDescription Description);
