using System.Collections.Concurrent;

namespace Skein.TenantSdk.Testing;

/// <summary>The step bodies a test replaced: a result to return, or a number of attempts to fail first.</summary>
internal sealed class StepMocks
{
    private readonly ConcurrentDictionary<string, object?> _results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public void Return(string name, object? result) => _results[name] = result;

    public void Fail(string name, int times) => _failures[name] = times;

    public bool TryGetResult(string name, out object? result) => _results.TryGetValue(name, out result);

    public int FailuresOf(string name) => _failures.GetValueOrDefault(name);
}
