using System.Collections.Concurrent;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// What test workflows report and how tests steer them, keyed by instance id so that tests running in parallel do
/// not see each other.
/// </summary>
internal sealed class Probe
{
    private static readonly ConcurrentDictionary<string, Probe> All = new();
    private readonly ConcurrentQueue<string> _effects = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _reached = new();

    public static Probe For(string instanceId) => All.GetOrAdd(instanceId, _ => new Probe());

    /// <summary>A switch a workflow may read to change its code between runs (to provoke non-determinism).</summary>
    public int Variant { get; set; }

    /// <summary>How many times each attempt body should fail before it succeeds, by step name.</summary>
    public ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

    public IReadOnlyList<string> Effects => _effects.ToList();

    public int Count(string effect) => _effects.Count(e => e == effect);

    public void Record(string effect) => _effects.Enqueue(effect);

    /// <summary>Called by a workflow: signals that <paramref name="name"/> was reached and waits until it is opened.</summary>
    public Task Gate(string name, CancellationToken ct = default)
    {
        Reached(name).TrySetResult();
        return GateSource(name).Task.WaitAsync(ct);
    }

    public void Open(string name) => GateSource(name).TrySetResult();

    public Task WaitReachedAsync(string name) => Reached(name).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource GateSource(string name) =>
        _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource Reached(string name) =>
        _reached.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
