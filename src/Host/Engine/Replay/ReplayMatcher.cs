using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine.Replay;

/// <summary>
/// Matches the workflow's durable calls against the instance's log: each call is keyed by (name, occurrence of the
/// name) and the matcher says whether it replays a logged entry, starts a new one, must wait for replay to catch up,
/// or shows that the code changed. Pure: no I/O, no clock, no tasks; the execution acts on its decisions (the way
/// Temporal's workflow instance takes an activation and answers with commands). Not thread-safe: the execution
/// calls it on the instance's scheduler only.
/// </summary>
internal sealed class ReplayMatcher
{
    /// <summary>The longest step, sleep or wait name a workflow may use.</summary>
    public const int MaxNameLength = 256;

    private readonly Dictionary<(string Name, int Count), StepRow> _logged = [];
    private readonly SortedDictionary<int, StepRow> _unclaimed = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _nextPosition;

    public ReplayMatcher(IEnumerable<StepRow> logged)
    {
        foreach (var row in logged)
        {
            _logged[(row.Name, row.Count)] = row;
            _unclaimed[row.Position] = row;
            _nextPosition = Math.Max(_nextPosition, row.Position + 1);
        }
    }

    /// <summary>True once every logged entry was asked for: from then on every call is new.</summary>
    public bool CaughtUp => _unclaimed.Count == 0;

    /// <summary>Logged entries still held for matching (released once replay caught up).</summary>
    public int Held => _logged.Count;

    /// <summary>A step (<c>step.Do</c>); <paramref name="retryLimit"/> is its policy's number of retries.</summary>
    public ReplayDecision Step(string name, int retryLimit) => Match(StepKind.Step, name, row => row.Status switch
    {
        StepStatus.Complete => ReplayAction.ReturnLogged,
        StepStatus.Errored => ReplayAction.ThrowLogged,
        _ when row.Attempts > retryLimit => ReplayAction.FailExhausted,
        _ => ReplayAction.ContinueAttempts,
    });

    /// <summary>A sleep (<c>Sleep</c> or <c>SleepUntil</c>).</summary>
    public ReplayDecision Sleep(string name) => Match(StepKind.Sleep, name, row =>
        row.Status == StepStatus.Waiting ? ReplayAction.AwaitLogged : ReplayAction.ReturnLogged);

    /// <summary>A wait for an event.</summary>
    public ReplayDecision WaitForEvent(string name) => Match(StepKind.WaitForEvent, name, row => row.Status switch
    {
        StepStatus.Waiting => ReplayAction.AwaitLogged,
        StepStatus.Complete => ReplayAction.ReturnLogged,
        _ => ReplayAction.ThrowLogged,
    });

    /// <summary>A child workflow: waiting until the child ends, then its output or its failure.</summary>
    public ReplayDecision ChildWorkflow(string name) => Match(StepKind.ChildWorkflow, name, row => row.Status switch
    {
        StepStatus.Waiting => ReplayAction.AwaitLogged,
        StepStatus.Complete => ReplayAction.ReturnLogged,
        _ => ReplayAction.ThrowLogged,
    });

    /// <summary>The position a new entry takes; called when it actually starts, so deferred entries keep their order.</summary>
    public int TakePosition() => _nextPosition++;

    /// <summary>
    /// Non-determinism when logged entries were never asked for by the time the workflow did
    /// <paramref name="requested"/> instead (blocked on new entries, or ended); null when replay caught up.
    /// </summary>
    public NonDeterminismException? Unclaimed(string requested)
    {
        if (_unclaimed.Count == 0)
        {
            return null;
        }

        var first = _unclaimed.First().Value;
        return new NonDeterminismException(first.Position, Describe(first), requested);
    }

    /// <summary>How an entry is named in errors: <c>step "charge" #1</c>.</summary>
    public static string Describe(StepKind kind, string name, int count) => $"{kind.Name} \"{name}\" #{count}";

    private static string Describe(StepRow row) => Describe(row.Kind, row.Name, row.Count);

    private ReplayDecision Match(StepKind kind, string name, Func<StepRow, ReplayAction> replay)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A step name must be 1–{MaxNameLength} characters; got {name?.Length ?? 0}.", nameof(name));
        }

        var count = _counts[name] = _counts.GetValueOrDefault(name) + 1;
        if (!_logged.TryGetValue((name, count), out var row))
        {
            return new ReplayDecision(_unclaimed.Count == 0 ? ReplayAction.Start : ReplayAction.Defer, count);
        }

        _unclaimed.Remove(row.Position);
        if (row.Kind != kind)
        {
            return new ReplayDecision(ReplayAction.Mismatch, count, row,
                new NonDeterminismException(row.Position, Describe(row), Describe(kind, name, count)));
        }

        var caughtUp = _unclaimed.Count == 0;
        if (caughtUp)
        {
            // No (name, count) asked for from now on is in the log, so its rows can go: a parked execution should not
            // hold a copy of its whole history.
            _logged.Clear();
        }

        return new ReplayDecision(replay(row), count, row, CaughtUp: caughtUp);
    }
}
