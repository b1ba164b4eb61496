using System.Text.Json;
using Microsoft.Extensions.Logging;
using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>
/// Continue-as-new: the workflow threw <see cref="ContinueAsNewException"/>, so this run ends and the next run of the
/// same instance starts afresh in one commit (see <see cref="IWorkflowLog.ContinueAsNewAsync"/>).
/// </summary>
internal sealed partial class WorkflowExecution
{
    /// <summary>
    /// Ends the run by starting the next one: its params are checked like a create's (a bad value ends the instance
    /// <c>errored</c>, the rollback handlers having run, as a bad output does), then committed with the new run. The
    /// actor starts the next run as a fresh execution, keeping this run's slot, unless a pause asked of this run left
    /// it <c>paused</c>.
    /// </summary>
    private async Task ContinueAsNewAsync(ContinueAsNewException next)
    {
        if (_replay.Unclaimed("the continue-as-new that ended the run") is { } unclaimed)
        {
            await FailAsync(unclaimed, runRollbacks: false);
            return;
        }

        string json;
        try
        {
            json = NextRunParams(next.Params);
        }
        catch (Exception invalid) when (invalid is EngineException or JsonException or NotSupportedException)
        {
            LogContinueRefused(_tenant.Logger, _tenant.Tenant, Id, invalid.Message);
            await FailAsync(invalid, runRollbacks: true);
            return;
        }

        var continued = await Log.ContinueAsNewAsync(Id, Generation, json, Now);
        if (continued is null)
        {
            // Superseded or ended meanwhile (a terminate, a restart): whoever did that owns the instance now.
            End(replay: false);
            return;
        }

        LogContinued(_tenant.Logger, _tenant.Tenant, Id, continued.Run);
        _tenant.NotifyStatus(Id, continued.Status);
        End(replay: continued.Status == InstanceStatus.Queued);
    }

    /// <summary>The next run's params as JSON, held to what a create's params are held to.</summary>
    private string NextRunParams(object? value)
    {
        if (value is not null && !_workflow.ParamsType.IsInstanceOfType(value))
        {
            throw new InvalidRequestException(
                $"ContinueAsNew was given params of type {value.GetType().Name}; workflow \"{_workflow.Name}\" takes {_workflow.ParamsType.Name}.");
        }

        if (value is null && _workflow.ParamsRequired)
        {
            throw new InvalidRequestException(
                $"ContinueAsNew was given null; workflow \"{_workflow.Name}\" needs {_workflow.ParamsType.Name} params.");
        }

        var json = JsonSerializer.Serialize(value, _workflow.ParamsType, _workflow.Json);
        var bytes = JsonText.Utf8Bytes(json);
        if (bytes > _tenant.Limits.MaxPayloadBytes)
        {
            throw new PayloadTooLargeException(
                $"The params given to ContinueAsNew are {bytes} bytes of JSON; the tenant's limit is {_tenant.Limits.MaxPayloadBytes}.");
        }

        // The next run reads them back: params it could not read would fail every start of it, so refuse them here.
        JsonSerializer.Deserialize(json, _workflow.ParamsType, _workflow.Json);
        return json;
    }

    [LoggerMessage(EventId = EventIds.ContinuedAsNew, Level = LogLevel.Debug,
        Message = "Instance {InstanceId} of tenant {Tenant} continued as new: run {Run} starts")]
    private static partial void LogContinued(ILogger logger, string tenant, string instanceId, int run);

    [LoggerMessage(EventId = EventIds.ContinueAsNewRefused, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} of tenant {Tenant} could not continue as new and ends errored: {Reason}")]
    private static partial void LogContinueRefused(ILogger logger, string tenant, string instanceId, string reason);
}
