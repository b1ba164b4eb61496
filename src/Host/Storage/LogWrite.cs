namespace Skein.Host.Storage;

/// <summary>One queued write of a <see cref="LogWriter"/>.</summary>
internal abstract class LogWrite
{
    /// <summary>Called on the writer thread once the write committed or failed, before its awaiters run.</summary>
    public Action? Ended { get; init; }

    public abstract void Execute(LogTransaction tx);

    /// <summary>Hands out the result; the writer has run <see cref="Ended"/> on its thread already.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception error);
}

/// <summary>A write that computes a result inside the transaction and hands it out after the commit.</summary>
internal sealed class LogWrite<T>(Func<LogTransaction, T> write) : LogWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override void Execute(LogTransaction tx) => _result = write(tx);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception error)
    {
        Ended?.Invoke();
        _completion.TrySetException(error);
    }
}
