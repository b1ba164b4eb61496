using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>
/// What every provider of <see cref="IWorkflowLog"/> must do, written against the interface only: each operation,
/// group commit (writes queued together share a commit; one bad write fails alone), fencing by generation,
/// migrations, crash atomicity and a connection lost under the writer. A provider passes it by subclassing with the
/// few hooks only it can implement (opening its store, copying it as a crash would leave it, breaking its connection,
/// writing an old or a too-new schema); SQLite's subclass is <see cref="SqliteWorkflowLogConformanceTests"/>.
/// </summary>
public abstract partial class WorkflowLogConformance : IDisposable
{
    private IWorkflowLog? _log;

    /// <summary>The log under test, opened on first use.</summary>
    private protected IWorkflowLog Log => _log ??= Open();

    public void Dispose()
    {
        _log?.Dispose();
        DisposeStore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the log of this test's store (the same store each time: a reopen sees what was committed).</summary>
    private protected abstract IWorkflowLog Open();

    /// <summary>Opens a copy of the store as a crash at this moment would leave it (the log stays open and running).</summary>
    private protected abstract IWorkflowLog OpenCrashCopy();

    /// <summary>Loses the connection the log writes through in the middle of a write; returns that write's task.</summary>
    private protected abstract Task BreakConnectionAsync(IWorkflowLog log);

    /// <summary>
    /// Writes the store (before it is opened) as the provider's first shipped schema would have, holding one instance:
    /// id <c>old</c>, workflow <c>w</c>, version 1, params <c>null</c>, queued, created at 5.
    /// </summary>
    private protected abstract void WriteOldestSchema();

    /// <summary>Writes the store (before it is opened) as a newer build would have: a schema this build does not know.</summary>
    private protected abstract void WriteNewerSchema();

    /// <summary>Removes the test's store.</summary>
    private protected abstract void DisposeStore();

    /// <summary>Closes the log under test and opens it again.</summary>
    private protected IWorkflowLog Reopen()
    {
        _log?.Dispose();
        _log = Open();
        return _log;
    }

    private protected static StepWrite Step(string id, int generation, int position, string name, StepStatus status = StepStatus.Complete) =>
        new(id, generation, position, StepKind.Step, name, 1, status, 10 + position, Output: status == StepStatus.Complete ? $"\"{name}\"" : null,
            EndedAt: status == StepStatus.Complete ? 11 + position : null);

    private protected async Task<InstanceRow> RunningAsync(string id, string workflow = "w", int version = 1)
    {
        await Log.CreateInstanceAsync(new NewInstance(id, workflow, version, "null", 1));
        Assert.True(await Log.MarkRunningAsync(id, 1, 2));
        return Log.FindInstance(id)!;
    }

    private protected static Task WhenHeld(CommitGate gate, int batches, string what) =>
        Eventually.Until(() => gate.BatchesHeld, n => n == batches, what);
}
