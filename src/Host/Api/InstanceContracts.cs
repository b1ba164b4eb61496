using System.Text.Json;
using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>POST …/instances and one item of …/instances/batch.</summary>
internal sealed class CreateInstanceRequest
{
    public string? Id { get; set; }

    public JsonElement? Params { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string? ParamsJson => Params is { ValueKind: not JsonValueKind.Undefined } p ? p.GetRawText() : null;
}

/// <summary>POST …/restart.</summary>
internal sealed class RestartRequest
{
    public RestartFrom? From { get; set; }
}

/// <summary>The step to restart from: its name and which use of the name (1 when omitted).</summary>
internal sealed class RestartFrom
{
    public string? Name { get; set; }

    public int? Count { get; set; }
}

/// <summary>POST …/terminate.</summary>
internal sealed class TerminateRequest
{
    public bool Rollback { get; set; }
}

/// <summary>The answer of a control operation: the instance's status after it.</summary>
internal sealed record StatusResponse(string Id, string Status);

/// <summary>A page of the instance list.</summary>
internal sealed record InstancePage(IReadOnlyList<InstanceDescription> Items, string? NextCursor);

/// <summary>One result of a batch create: the instance, or the problem with that item.</summary>
internal sealed record BatchItemResponse(string? Id, string? Status, bool? Created, BatchItemError? Error);

/// <summary>Why one batch item was refused.</summary>
internal sealed record BatchItemError(int Status, string Detail);
