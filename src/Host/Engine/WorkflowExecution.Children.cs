using System.Text.Json;
using Skein.Host.Engine.Replay;
using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>
/// Child workflows: the parent's <c>childWorkflow</c> step is a durable wait that the child's end resolves in the log
/// (DESIGN §9). The step and the child are written in one transaction, so the child starts exactly once.
/// </summary>
internal sealed partial class WorkflowExecution
{
    public Task<TResult> RunWorkflow<TParams, TResult>(string name, string workflowName, TParams parameters)
    {
        if (string.IsNullOrEmpty(workflowName))
        {
            return Task.FromException<TResult>(new ArgumentException($"Child workflow \"{name}\": the workflow name is empty.", nameof(workflowName)));
        }

        var decision = Decide(_replay.ChildWorkflow(name));
        var count = decision.Count;
        if (decision.Logged is not { } row)
        {
            if (++_stepCount > _tenant.Limits.MaxStepsPerInstance)
            {
                _fatal ??= new InvalidOperationException(
                    $"The instance asked for more than {_tenant.Limits.MaxStepsPerInstance} steps, the limit per instance.");
                return Never<TResult>();
            }

            return StartNew(ReplayMatcher.Describe(StepKind.ChildWorkflow, name, count), position =>
                StartChildAsync<TParams, TResult>(name, count, position, workflowName, parameters));
        }

        if (_fatal is not null)
        {
            return Never<TResult>();
        }

        _stepCount++;
        return decision.Action == ReplayAction.AwaitLogged
            ? AwaitChildAsync<TResult>(name, count, row.Position, row.ChildId)
            : Task.FromResult(ChildResult<TResult>(name, count, row.ChildId,
                new WaitResult(row.Status, row.Output, row.ErrorMessage, row.EndedAt ?? row.StartedAt, row.ErrorName)));
    }

    private async Task<TResult> StartChildAsync<TParams, TResult>(string name, int count, int position, string workflowName,
        TParams parameters)
    {
        var now = Now;
        var step = new StepWrite(Id, Generation, position, StepKind.ChildWorkflow, name, count, StepStatus.Waiting, now,
            ChildWorkflow: workflowName, Resume: TakeResume());
        var registration = _tenant.Resolve(_instance.Version, workflowName);
        var json = registration is null ? null : JsonSerializer.Serialize(parameters, registration.Json);
        var refusal = registration is null
            ? ("WorkflowNotFound", $"Version {_instance.Version} of tenant '{_tenant.Tenant}' has no workflow \"{workflowName}\" to start as child workflow \"{name}\".")
            : JsonText.Utf8Bytes(json!) is var bytes && bytes > _tenant.Limits.MaxPayloadBytes
                ? ("PayloadTooLargeException", $"The params of child workflow \"{name}\" are {bytes} bytes of JSON; the limit is {_tenant.Limits.MaxPayloadBytes}.")
                : ((string, string)?)null;
        if (refusal is { } error)
        {
            // Logged as a failed step and nothing else: a replay throws the same failure, and no child exists.
            var failed = step with { Status = StepStatus.Errored, ErrorName = error.Item1, ErrorMessage = error.Item2, EndedAt = now };
            if (!await Tracked(Log.WriteStepAsync(failed, now)))
            {
                return await Never<TResult>();
            }

            throw new StepFailedException(name, count, 1, error.Item1, error.Item2);
        }

        var childId = ChildIds.For(Id, name, count);
        var outcome = await Tracked(Log.StartChildAsync(step,
            new NewInstance(childId, registration!.Name, _instance.Version, json!, now, TraceParent: _trace.ChildTraceParent(_instance.TraceParent)), now));
        if (outcome.Fenced)
        {
            return await Never<TResult>();
        }

        if (outcome.ErrorName is { } taken)
        {
            throw new StepFailedException(name, count, 1, taken, outcome.ErrorMessage ?? "");
        }

        if (outcome.Created)
        {
            _tenant.NotifyStatus(childId, InstanceStatus.Queued);
            _tenant.Post(childId, actor => actor.WakeAsync());
        }

        return await AwaitChildAsync<TResult>(name, count, position, childId);
    }

    private async Task<TResult> AwaitChildAsync<TResult>(string name, int count, int position, string? childId) =>
        ChildResult<TResult>(name, count, childId, await AwaitWait(position, long.MaxValue));

    private TResult ChildResult<TResult>(string name, int count, string? childId, WaitResult result)
    {
        if (result.Status == StepStatus.Complete)
        {
            return JsonSerializer.Deserialize<TResult>(result.Output ?? "null", _workflow.Json)!;
        }

        var errorName = result.ErrorName ?? "Error";
        var message = result.ErrorMessage ?? "";
        return childId is null
            ? throw new StepFailedException(name, count, 1, errorName, message)
            : throw new ChildWorkflowFailedException(childId, StoredNames.Name(result.Status), errorName, message);
    }
}
