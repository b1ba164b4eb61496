using System.Text.Json;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>The instance operations of DESIGN §3.</summary>
internal sealed partial class WorkflowEngine
{
    public const int MaxBatch = 100;

    /// <summary>
    /// Creates an instance of the tenant's active version, or returns the existing one with the same id: an id is
    /// never run twice.
    /// </summary>
    public async Task<CreatedInstance> CreateAsync(string tenant, string workflow, string? id, string? paramsJson,
        Skein.TenantSdk.HttpTriggerRequest? trigger = null) =>
        await CreateAsync(await runtimes.RuntimeAsync(tenant), workflow, id, paramsJson, trigger);

    /// <inheritdoc cref="CreateAsync(string, string, string?, string?, Skein.TenantSdk.HttpTriggerRequest?)"/>
    public async Task<CreatedInstance> CreateAsync(TenantRuntime runtime, string workflow, string? id, string? paramsJson,
        Skein.TenantSdk.HttpTriggerRequest? trigger = null)
    {
        var tenant = runtime.Tenant;
        runtime.ThrowIfStopped();
        runtime.ThrowIfFrozen();
        var registration = resolver.ResolveActive(tenant, workflow)
            ?? throw new NotFoundException($"Tenant '{tenant}' has no workflow \"{workflow}\" in its active version.");
        if (id is not null && !InstanceIds.IsValid(id))
        {
            throw new InvalidRequestException(InstanceIds.Problem(id));
        }

        if (trigger is null && registration.ParamsRequired && IsNull(paramsJson))
        {
            throw new InvalidRequestException(
                $"Workflow \"{registration.Name}\" needs params ({registration.ParamsType.Name}), and the body has none: send them as {{\"params\": {{…}}}}.");
        }

        var json = ValidatePayload(runtime, paramsJson, registration.ParamsType, registration.Json, "params");
        // The active version was looked up by name: it belongs to this runtime only if the runtime still runs.
        runtime.ThrowIfStopped();
        var instance = new NewInstance(id ?? InstanceIds.New(time), registration.Name, registration.Version, json, runtime.Now,
            trigger is null ? null : JsonSerializer.Serialize(trigger, JsonSerializerOptions.Web), Telemetry.InstanceTracing.NewTraceParent());
        var outcome = await Bound(runtime, () => CreateInLogAsync(runtime, instance));
        var row = outcome.Instance;
        if (row.Workflow != registration.Name)
        {
            throw new ConflictException($"Instance id '{row.Id}' is already used by workflow \"{row.Workflow}\".", row.Status);
        }

        return new CreatedInstance(row, outcome.Created);
    }

    /// <summary>
    /// An id no actor holds (every generated id) is created by a new actor, which starts it in the same write when a
    /// slot is free. An id whose instance is in memory is created here and its actor woken, so the create never waits
    /// behind that actor's work.
    /// </summary>
    private static async Task<CreateOutcome> CreateInLogAsync(TenantRuntime runtime, NewInstance instance)
    {
        if (runtime.PostToNew(instance.Id, actor => actor.CreateAsync(instance)) is { } created)
        {
            return await created;
        }

        var outcome = await runtime.Log.CreateInstanceAsync(instance);
        if (outcome.Created)
        {
            runtime.Post(instance.Id, actor => actor.WakeAsync());
        }

        return outcome;
    }

    /// <summary>Creates up to <see cref="MaxBatch"/> instances; each item succeeds or fails on its own.</summary>
    public async Task<IReadOnlyList<BatchItemResult>> CreateBatchAsync(string tenant, string workflow,
        IReadOnlyList<(string? Id, string? Params)> items) => await CreateBatchAsync(await runtimes.RuntimeAsync(tenant), workflow, items);

    /// <inheritdoc cref="CreateBatchAsync(string, string, IReadOnlyList{ValueTuple{string, string}})"/>
    public async Task<IReadOnlyList<BatchItemResult>> CreateBatchAsync(TenantRuntime runtime, string workflow,
        IReadOnlyList<(string? Id, string? Params)> items)
    {
        if (items.Count is 0 or > MaxBatch)
        {
            throw new InvalidRequestException($"A batch holds 1–{MaxBatch} instances; this one holds {items.Count}.");
        }

        var results = await Task.WhenAll(items.Select(async item =>
        {
            try
            {
                return new BatchItemResult(await CreateAsync(runtime, workflow, item.Id, item.Params), null);
            }
            catch (EngineException error) when (!runtime.IsStopped)
            {
                return new BatchItemResult(null, error);
            }
        }));
        return results;
    }

    private static bool IsNull(string? json) => string.IsNullOrWhiteSpace(json) || json.Trim() == "null";

    /// <summary>The instance with its steps and attempts, as the log holds them; null when it does not exist. Opens its tenant on this thread if need be (off the request path: tests, tools).</summary>
    public InstanceHistory? Describe(string tenant, string id) => Describe(runtimes.Runtime(tenant), id);

    /// <inheritdoc cref="Describe(string, string)"/>
    public InstanceHistory? Describe(TenantRuntime runtime, string id) => runtime.Read(log => log.LoadHistory(id));

    public (IReadOnlyList<InstanceRow> Items, long? NextCursor) List(string tenant, InstanceQuery query) =>
        List(runtimes.Runtime(tenant), query);

    public (IReadOnlyList<InstanceRow> Items, long? NextCursor) List(TenantRuntime runtime, InstanceQuery query)
    {
        var rows = runtime.Read(log => log.ListInstances(query with { Limit = query.Limit + 1 }));
        var page = rows.Take(query.Limit).ToList();
        return (page, rows.Count > query.Limit ? rows[query.Limit - 1].Seq : null);
    }

    public Task<InstanceStatus> PauseAsync(string tenant, string id) => Control(tenant, id, actor => actor.PauseAsync());

    public Task<InstanceStatus> ResumeAsync(string tenant, string id) => Control(tenant, id, actor => actor.ResumeAsync());

    public Task<InstanceStatus> TerminateAsync(string tenant, string id, bool rollback = false) =>
        Control(tenant, id, actor => actor.TerminateAsync(rollback));

    public Task<InstanceStatus> RestartAsync(string tenant, string id, string? fromName = null, int fromCount = 1) =>
        Control(tenant, id, actor => actor.RestartAsync(fromName, fromCount));

    public Task<InstanceStatus> PauseAsync(TenantRuntime runtime, string id) => Control(runtime, id, actor => actor.PauseAsync());

    public Task<InstanceStatus> ResumeAsync(TenantRuntime runtime, string id) => Control(runtime, id, actor => actor.ResumeAsync());

    public Task<bool> DeleteAsync(TenantRuntime runtime, string id) => Control(runtime, id, actor => actor.DeleteAsync());

    public Task<InstanceStatus> TerminateAsync(TenantRuntime runtime, string id, bool rollback = false) =>
        Control(runtime, id, actor => actor.TerminateAsync(rollback));

    public Task<InstanceStatus> RestartAsync(TenantRuntime runtime, string id, string? fromName = null, int fromCount = 1) =>
        Control(runtime, id, actor => actor.RestartAsync(fromName, fromCount));

    public Task<bool> DeleteAsync(string tenant, string id) => Control(tenant, id, actor => actor.DeleteAsync());

    /// <summary>
    /// Sends an event; it is kept until a wait for its type takes it (FIFO per type). Refused for an unknown or
    /// finished instance.
    /// </summary>
    public async Task SendEventAsync(string tenant, string id, string type, string? payloadJson) =>
        await SendEventAsync(await runtimes.RuntimeAsync(tenant), id, type, payloadJson);

    /// <inheritdoc cref="SendEventAsync(string, string, string, string?)"/>
    public async Task SendEventAsync(TenantRuntime runtime, string id, string type, string? payloadJson)
    {
        if (!EventTypes.IsValid(type))
        {
            throw new InvalidRequestException(EventTypes.Problem(type));
        }

        var payload = string.IsNullOrWhiteSpace(payloadJson) ? "null" : payloadJson;
        if (JsonText.Utf8Bytes(payload) > runtime.Limits.MaxPayloadBytes)
        {
            throw new PayloadTooLargeException($"The event payload is larger than the tenant's limit of {runtime.Limits.MaxPayloadBytes} bytes.");
        }

        try
        {
            using var _ = JsonDocument.Parse(payload);
        }
        catch (JsonException error)
        {
            throw new InvalidRequestException($"The event payload is not valid JSON: {error.Message}");
        }

        runtime.ThrowIfFrozen();
        var now = runtime.Now;
        var outcome = await Bound(runtime, () => runtime.Log.SendEventAsync(id, type, payload, now));
        if (outcome.InstanceStatus is not { } status)
        {
            throw new NotFoundException($"Instance '{id}' does not exist.");
        }

        if (InstanceStatus.IsFinished(status))
        {
            throw new ConflictException($"Cannot send an event to instance '{id}': it is {status.Name}.", status);
        }

        if (outcome.DeliveredPosition is { } position)
        {
            runtime.Post(id, actor => actor.EventDeliveredAsync(position, payload, now));
        }
    }

    /// <summary>Waits until the instance's status satisfies <paramref name="until"/>; returns that status.</summary>
    public async Task<InstanceStatus?> WaitForStatusAsync(string tenant, string id, Func<InstanceStatus?, bool> until, CancellationToken ct) =>
        await WaitForStatusAsync(await runtimes.RuntimeAsync(tenant), id, until, ct);

    /// <summary>
    /// Waits on one runtime: when it stops (tenant deleted, restored, moved), the wait ends with the runtime's
    /// <see cref="TenantRuntime.Stopped"/> error, never by looking the tenant up again.
    /// </summary>
    public async Task<InstanceStatus?> WaitForStatusAsync(TenantRuntime runtime, string id, Func<InstanceStatus?, bool> until, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct, runtime.Stopping);
        var waiting = runtime.Watchers.WaitAsync(id, until, bound.Token);
        var current = runtime.Read(log => log.FindInstance(id))?.Status ?? throw new NotFoundException($"Instance '{id}' does not exist.");
        // A watcher whose condition already holds is resolved by notifying the current status.
        runtime.Watchers.Notify(id, current);
        try
        {
            return await waiting;
        }
        catch (OperationCanceledException) when (runtime.IsStopped && !ct.IsCancellationRequested)
        {
            throw runtime.Stopped();
        }
    }

    /// <summary>A log write of a runtime that stopped meanwhile answers as the stopped runtime does, not as a crash.</summary>
    private static async Task<T> Bound<T>(TenantRuntime runtime, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (ObjectDisposedException) when (runtime.IsStopped)
        {
            throw runtime.Stopped();
        }
    }

    private async Task<T> Control<T>(string tenant, string id, Func<InstanceActor, Task<T>> operation) =>
        await Control(await runtimes.RuntimeAsync(tenant), id, operation);

    private static Task<T> Control<T>(TenantRuntime runtime, string id, Func<InstanceActor, Task<T>> operation)
    {
        if (!InstanceIds.IsValid(id))
        {
            throw new NotFoundException($"Instance '{id}' does not exist.");
        }

        return runtime.Post(id, operation);
    }
}

/// <summary>One item of a batch create: the instance, or why it was refused.</summary>
internal sealed record BatchItemResult(CreatedInstance? Instance, EngineException? Error);
