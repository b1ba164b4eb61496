namespace Skein.Bench.Engine;

/// <summary>
/// Signals from <see cref="WakeWorkflow"/> to the benchmark: wake <c>n</c>'s wait returned, its step committed. A
/// replay runs the code of earlier wakes again, so each signal carries its wake number and only the awaited one
/// counts. Static because the engine creates workflow objects itself; one instance runs at a time.
/// </summary>
internal static class WakeProbe
{
    private static volatile Expectation _expected = new(0);

    /// <summary>Expects wake <paramref name="wake"/>; the tasks complete when its wait returned and its step committed.</summary>
    public static (Task Woke, Task Stepped) Expect(int wake)
    {
        var expected = new Expectation(wake);
        _expected = expected;
        return (expected.WokeSignal.Task, expected.SteppedSignal.Task);
    }

    public static void Woke(int wake)
    {
        var expected = _expected;
        if (expected.Wake == wake)
        {
            expected.WokeSignal.TrySetResult();
        }
    }

    public static void Stepped(int wake)
    {
        var expected = _expected;
        if (expected.Wake == wake)
        {
            expected.SteppedSignal.TrySetResult();
        }
    }

    private sealed class Expectation(int wake)
    {
        public int Wake { get; } = wake;

        public TaskCompletionSource WokeSignal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SteppedSignal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
