using System.Text.Json;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>The schedule operations of DESIGN §9: create, list, get, delete, pause, resume.</summary>
internal sealed partial class WorkflowEngine
{
    /// <summary>
    /// Creates an API schedule, or returns the one with the same id when the request is the same (a retry); a different
    /// request for a taken id is a conflict. Every refusal names the field to blame and changes nothing.
    /// </summary>
    public async Task<CreatedSchedule> CreateScheduleAsync(TenantRuntime runtime, NewSchedule request)
    {
        runtime.ThrowIfStopped();
        runtime.ThrowIfFrozen();
        var row = CheckSchedule(runtime, request);
        await runtime.Schedules.EnsureCurrentAsync();
        var outcome = await Bound(runtime, () => runtime.Log.CreateScheduleAsync(row, TenantSchedules.MaxPerTenant));
        if (outcome.LimitReached)
        {
            throw new ConflictException($"Tenant '{runtime.Tenant}' has {TenantSchedules.MaxPerTenant} schedules, the most a tenant may hold; delete one first.");
        }

        if (outcome.Existing is { } existing)
        {
            return existing.SameDefinition(row)
                ? new CreatedSchedule(Snapshot(runtime, existing), false)
                : throw new ConflictException($"Schedule '{row.Id}' exists with a different definition ({Describe(existing)}); delete it first or use another id.");
        }

        await runtime.Schedules.ReloadAsync(row.Id);
        return new CreatedSchedule(Snapshot(runtime, runtime.Read(log => log.FindSchedule(row.Id)) ?? row), true);
    }

    public async Task<IReadOnlyList<ScheduleSnapshot>> ListSchedulesAsync(TenantRuntime runtime)
    {
        await runtime.Schedules.EnsureCurrentAsync();
        return [.. runtime.Read(log => log.ListSchedules()).Select(row => Snapshot(runtime, row))];
    }

    public async Task<ScheduleSnapshot> GetScheduleAsync(TenantRuntime runtime, string id)
    {
        await runtime.Schedules.EnsureCurrentAsync();
        return Snapshot(runtime, runtime.Read(log => log.FindSchedule(id)) ?? throw ScheduleNotFound(id));
    }

    public async Task DeleteScheduleAsync(TenantRuntime runtime, string id)
    {
        runtime.ThrowIfFrozen();
        await runtime.Schedules.EnsureCurrentAsync();
        if (!await Bound(runtime, () => runtime.Log.DeleteScheduleAsync(id)))
        {
            throw ScheduleNotFound(id);
        }

        await runtime.Schedules.ReloadAsync(id);
    }

    public async Task<ScheduleSnapshot> SetSchedulePausedAsync(TenantRuntime runtime, string id, bool paused)
    {
        runtime.ThrowIfFrozen();
        await runtime.Schedules.EnsureCurrentAsync();
        var row = await Bound(runtime, () => runtime.Log.SetSchedulePausedAsync(id, paused, runtime.Now)) ?? throw ScheduleNotFound(id);
        await runtime.Schedules.ReloadAsync(id);
        return Snapshot(runtime, row);
    }

    private static ScheduleSnapshot Snapshot(TenantRuntime runtime, ScheduleRow row) => new(row, runtime.Schedules.NextTick(row));

    private static NotFoundException ScheduleNotFound(string id) => new($"Schedule '{id}' does not exist.");

    private static string Describe(ScheduleRow row) =>
        $"workflow \"{row.Workflow}\", cron \"{row.Cron}\", time zone \"{row.TimeZone}\", overlap \"{(row.Overlap == ScheduleOverlap.Skip ? "skip" : "allow")}\", source {(row.Source == ScheduleSource.Api ? "api" : "attribute")}";

    private ScheduleRow CheckSchedule(TenantRuntime runtime, NewSchedule request)
    {
        if (string.IsNullOrEmpty(request.Id) || !ScheduleTicks.IsValidScheduleId(request.Id))
        {
            throw new InvalidRequestException($"'{request.Id}' is not a valid schedule id: {ScheduleTicks.IdRule}.", "id");
        }

        if (string.IsNullOrEmpty(request.Cron))
        {
            throw new InvalidRequestException("'cron' is required: a cron expression of 5 or 6 fields, such as \"*/5 * * * *\".", "cron");
        }

        var timeZone = request.TimeZone ?? "UTC";
        CronSchedule.Parse(request.Cron, timeZone);
        var overlap = request.Overlap switch
        {
            null or "allow" => ScheduleOverlap.Allow,
            "skip" => ScheduleOverlap.Skip,
            var other => throw new InvalidRequestException($"'overlap' is \"{other}\"; use \"allow\" (the default) or \"skip\".", "overlap"),
        };
        if (string.IsNullOrEmpty(request.Workflow) || resolver.ResolveActive(runtime.Tenant, request.Workflow) is not { } workflow)
        {
            throw new InvalidRequestException(
                $"Tenant '{runtime.Tenant}' has no workflow \"{request.Workflow}\" in its active version; 'workflow' must name one.", "workflow");
        }

        var json = CheckScheduleParams(runtime, request.ParamsJson, workflow);
        return new ScheduleRow(request.Id, workflow.Name, request.Cron, timeZone, json, overlap, false, ScheduleSource.Api, runtime.Now);
    }

    /// <summary>The params as compact JSON (so a retry with other spacing is the same request), checked like a create's.</summary>
    private static string? CheckScheduleParams(TenantRuntime runtime, string? paramsJson, WorkflowRegistration workflow)
    {
        if (string.IsNullOrWhiteSpace(paramsJson))
        {
            return null;
        }

        var limit = runtime.Limits.MaxPayloadBytes;
        if (JsonText.Utf8Bytes(paramsJson) > limit)
        {
            throw new InvalidRequestException($"'params' are larger than the tenant's limit of {limit} bytes.", "params");
        }

        try
        {
            using var document = JsonDocument.Parse(paramsJson);
            JsonSerializer.Deserialize(document.RootElement, workflow.ParamsType, workflow.Json);
            return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException error)
        {
            throw new InvalidRequestException($"'params' are not valid for {workflow.ParamsType.Name}: {error.Message}", "params");
        }
    }
}
