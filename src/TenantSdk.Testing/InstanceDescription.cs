using System.Text.Json;

namespace Skein.TenantSdk.Testing;

/// <summary>An instance as the host's API describes it (<c>GET …/instances/{id}</c>, DESIGN §3), field for field.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Version">The deployment version the instance runs on (1 in a test host).</param>
/// <param name="Status">queued, running, paused, waitingForPause, waiting, complete, errored or terminated.</param>
/// <param name="Params">The params, as JSON.</param>
/// <param name="Output">The output once complete, as JSON.</param>
/// <param name="Error">Why it errored.</param>
/// <param name="CreatedAt">When it was created (fake clock in a test host).</param>
/// <param name="StartedAt">When it first ran.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Steps">Every step, sleep, wait and child workflow, in start order.</param>
/// <param name="Parent">The parent, for a child workflow.</param>
/// <param name="Run">The run it is in, from 1 (continue-as-new starts the next).</param>
/// <param name="Runs">The earlier runs, oldest first.</param>
public sealed record InstanceDescription(
    string Id,
    string Workflow,
    int Version,
    string Status,
    JsonElement? Params,
    JsonElement? Output,
    ErrorDescription? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<StepDescription> Steps,
    ParentDescription? Parent = null,
    int? Run = null,
    IReadOnlyList<RunDescription>? Runs = null)
{
    /// <summary>The output read as <typeparamref name="T"/> (web JSON defaults, as the engine writes it).</summary>
    /// <typeparam name="T">The workflow's result type.</typeparam>
    /// <returns>The output, or default when there is none.</returns>
    public T? OutputAs<T>() => Output is { } output ? output.Deserialize<T>(JsonSerializerOptions.Web) : default;

    /// <summary>The steps of <paramref name="type"/> (step, sleep, waitForEvent, childWorkflow) named <paramref name="name"/>.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="type">Its type; any when null.</param>
    /// <returns>Every occurrence, in start order.</returns>
    public IReadOnlyList<StepDescription> StepsNamed(string name, string? type = null) =>
        [.. Steps.Where(s => s.Name == name && (type is null || s.Type == type))];
}
