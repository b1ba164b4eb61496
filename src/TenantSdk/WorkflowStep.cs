namespace Skein.TenantSdk;

/// <summary>
/// The durable operations of a workflow. Each is identified by its name plus how many times that name was used
/// before in the instance, so the same name may be used in a loop and parallel steps may run with
/// <see cref="Task.WhenAll(Task[])"/>.
/// </summary>
public abstract partial class WorkflowStep
{
    /// <summary>The longest a sleep may last.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromDays(365);

    /// <summary>Engine implementations only.</summary>
    internal WorkflowStep()
    {
    }

    /// <summary>Runs <paramref name="action"/> once, durably, with the default retries and timeout.</summary>
    /// <typeparam name="T">The result type; it must round-trip through JSON.</typeparam>
    /// <param name="name">The step's name (1–256 characters).</param>
    /// <param name="action">The step's body; it gets the attempt's <see cref="StepContext"/>.</param>
    /// <returns>The committed result; on replay, the logged result without running the body again.</returns>
    /// <exception cref="StepFailedException">Every attempt failed.</exception>
    /// <example><code>var charge = await step.Do("charge", ctx => payments.ChargeAsync(order, ctx.IdempotencyKey));</code></example>
    public Task<T> Do<T>(string name, Func<StepContext, Task<T>> action) => RunStep(name, null, action, null);

    /// <summary>Runs <paramref name="action"/> once, durably, with the given retries and timeout.</summary>
    /// <typeparam name="T">The result type; it must round-trip through JSON.</typeparam>
    /// <param name="name">The step's name (1–256 characters).</param>
    /// <param name="config">Retries and per-attempt timeout.</param>
    /// <param name="action">The step's body; it gets the attempt's <see cref="StepContext"/>.</param>
    public Task<T> Do<T>(string name, StepConfig config, Func<StepContext, Task<T>> action) =>
        RunStep(name, config, action, null);

    /// <summary>
    /// Runs <paramref name="action"/> once, durably, and registers <paramref name="rollback"/> to undo it if the
    /// workflow later fails (or is terminated with rollback). Handlers run in reverse order of step start, each once.
    /// </summary>
    /// <typeparam name="T">The result type; it must round-trip through JSON.</typeparam>
    /// <param name="name">The step's name (1–256 characters).</param>
    /// <param name="config">Retries and per-attempt timeout; the defaults when null.</param>
    /// <param name="action">The step's body.</param>
    /// <param name="rollback">Undoes the step; it gets the step's committed output.</param>
    public Task<T> Do<T>(string name, StepConfig? config, Func<StepContext, Task<T>> action,
        Func<StepRollbackContext<T>, Task> rollback) => RunStep(name, config, action, rollback);

    /// <summary>Runs <paramref name="action"/> once, durably, with the default retries and timeout.</summary>
    /// <param name="name">The step's name (1–256 characters).</param>
    /// <param name="action">The step's body.</param>
    public Task Do(string name, Func<StepContext, Task> action) => RunStep(name, null, Untyped(action), null);

    /// <summary>Runs <paramref name="action"/> once, durably, with the given retries and timeout.</summary>
    /// <param name="name">The step's name (1–256 characters).</param>
    /// <param name="config">Retries and per-attempt timeout.</param>
    /// <param name="action">The step's body.</param>
    public Task Do(string name, StepConfig config, Func<StepContext, Task> action) =>
        RunStep(name, config, Untyped(action), null);

    /// <summary>Runs <paramref name="action"/> once, durably, with a rollback handler.</summary>
    /// <param name="name">The step's name (1–256 characters).</param>
    /// <param name="config">Retries and per-attempt timeout; the defaults when null.</param>
    /// <param name="action">The step's body.</param>
    /// <param name="rollback">Undoes the step.</param>
    public Task Do(string name, StepConfig? config, Func<StepContext, Task> action,
        Func<StepRollbackContext, Task> rollback) =>
        RunStep<object?>(name, config, Untyped(action), ctx => rollback(ctx));

    /// <summary>
    /// A durable timer: the instance is <c>waiting</c>, holds no thread and may be evicted from memory; it wakes on
    /// time, after a host restart too.
    /// </summary>
    /// <param name="name">The sleep's name (1–256 characters).</param>
    /// <param name="duration">How long to sleep: zero to <see cref="MaxSleep"/> (365 days).</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or longer than <see cref="MaxSleep"/>; nothing is logged.</exception>
    public abstract Task Sleep(string name, TimeSpan duration);

    /// <summary>A durable timer until <paramref name="until"/> (at most <see cref="MaxSleep"/> ahead).</summary>
    /// <param name="name">The sleep's name (1–256 characters).</param>
    /// <param name="until">When to wake; an instant in the past (however far) returns at once, logged as a finished sleep.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> is more than <see cref="MaxSleep"/> ahead; nothing is logged.</exception>
    public abstract Task SleepUntil(string name, DateTimeOffset until);

    /// <summary>
    /// Waits for an event of <see cref="WaitForEventOptions.Type"/> sent to this instance. Events sent before the
    /// wait are kept and delivered first-in, first-out per type.
    /// </summary>
    /// <typeparam name="T">The payload type; it must round-trip through JSON.</typeparam>
    /// <param name="name">The wait's name (1–256 characters).</param>
    /// <param name="options">The event type and the timeout.</param>
    /// <exception cref="WorkflowTimeoutException">No event arrived in time; a timed-out wait never takes a later event.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is zero, negative or longer than <see cref="WaitForEventOptions.MaxTimeout"/>; nothing is logged.</exception>
    public abstract Task<WorkflowEventMessage<T>> WaitForEvent<T>(string name, WaitForEventOptions options);

    /// <summary>The engine's step implementation.</summary>
    internal abstract Task<T> RunStep<T>(string name, StepConfig? config, Func<StepContext, Task<T>> action,
        Func<StepRollbackContext<T>, Task>? rollback);

    private static Func<StepContext, Task<object?>> Untyped(Func<StepContext, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return async ctx =>
        {
            await action(ctx);
            return null;
        };
    }
}
