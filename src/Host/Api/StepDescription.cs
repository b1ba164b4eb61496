using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Skein.Host.Api;

/// <summary>One step, sleep, wait or child workflow of a described instance; fields that do not apply to its type are null.</summary>
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RollbackDescription? Rollback,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InstanceId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Workflow = null);
