using System.Globalization;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>
/// The bounds of every duration a workflow hands the engine (sleeps, SleepUntil, event-wait timeouts, step timeouts,
/// retry delays). A call past them is refused before anything is logged, with an exception the workflow sees and a
/// message naming the limit; everything within them is waited for in timer-sized chunks (<see cref="Clock"/>).
/// Each check returns the refusal, or null when the value is allowed.
/// </summary>
internal static class DurationLimits
{
    public static ArgumentOutOfRangeException? Sleep(string name, TimeSpan duration) =>
        duration < TimeSpan.Zero || duration > WorkflowStep.MaxSleep
            ? new ArgumentOutOfRangeException(nameof(duration), duration,
                $"Sleep \"{name}\" must last between zero and {Days(WorkflowStep.MaxSleep)}.")
            : null;

    /// <summary>An instant in the past, however far, is allowed: the sleep ends at once.</summary>
    public static ArgumentOutOfRangeException? SleepUntil(string name, DateTimeOffset until, long nowMs) =>
        until.ToUnixTimeMilliseconds() - nowMs > (long)WorkflowStep.MaxSleep.TotalMilliseconds
            ? new ArgumentOutOfRangeException(nameof(until), until,
                $"Sleep \"{name}\" may end at most {Days(WorkflowStep.MaxSleep)} ahead; it asked for {until:O}.")
            : null;

    public static ArgumentOutOfRangeException? EventTimeout(string name, TimeSpan timeout) =>
        timeout <= TimeSpan.Zero || timeout > WaitForEventOptions.MaxTimeout
            ? new ArgumentOutOfRangeException(nameof(timeout), timeout,
                $"Wait \"{name}\": the timeout must be more than zero and at most {Days(WaitForEventOptions.MaxTimeout)}.")
            : null;

    public static ArgumentOutOfRangeException? Step(string name, RetryPolicy policy, TimeSpan timeout)
    {
        if (policy.Limit is < 0 or > RetryPolicy.MaxLimit)
        {
            return new ArgumentOutOfRangeException(nameof(policy), policy.Limit,
                $"Step \"{name}\": the retry limit must be 0–{RetryPolicy.MaxLimit.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (policy.Delay < TimeSpan.Zero || policy.Delay > RetryPolicy.MaxDelay)
        {
            return new ArgumentOutOfRangeException(nameof(policy), policy.Delay,
                $"Step \"{name}\": the retry delay must be between zero and {Days(RetryPolicy.MaxDelay)}.");
        }

        return timeout <= TimeSpan.Zero || timeout > StepConfig.MaxTimeout
            ? new ArgumentOutOfRangeException(nameof(timeout), timeout,
                $"Step \"{name}\": the timeout must be more than zero and at most {Days(StepConfig.MaxTimeout)}.")
            : null;
    }

    private static string Days(TimeSpan limit) => string.Create(CultureInfo.InvariantCulture, $"{limit.TotalDays:0} days");
}
