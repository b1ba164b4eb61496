using System.Text.Json;

namespace Skein.TenantSdk.Testing;

/// <summary>One step, sleep, event wait or child workflow of an instance; fields that do not apply to its type are null.</summary>
/// <param name="Type">step, sleep, waitForEvent or childWorkflow.</param>
/// <param name="Name">Its name.</param>
/// <param name="Count">Its occurrence of the name, from 1.</param>
/// <param name="Status">A step's or child's status (running, complete, errored, waiting, terminated).</param>
/// <param name="Start">When it started.</param>
/// <param name="End">When it ended (a sleep: when it ends).</param>
/// <param name="Finished">A sleep's or wait's: whether it is over.</param>
/// <param name="Output">Its result, the event's payload, or the child's output, as JSON.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Attempts">A step's attempts.</param>
/// <param name="Rollback">Whether its rollback handler ran, and how.</param>
/// <param name="InstanceId">A child workflow's instance id.</param>
/// <param name="Workflow">A child workflow's workflow name.</param>
public sealed record StepDescription(
    string Type,
    string Name,
    int Count,
    string? Status,
    DateTimeOffset Start,
    DateTimeOffset? End,
    bool? Finished,
    JsonElement? Output,
    ErrorDescription? Error,
    IReadOnlyList<AttemptDescription>? Attempts,
    RollbackDescription? Rollback,
    string? InstanceId = null,
    string? Workflow = null);
