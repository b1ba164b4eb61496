namespace Skein.Host.Storage;

/// <summary>One queued write of a <see cref="LogWriter"/>.</summary>
internal abstract class LogWrite
{
    public abstract void Execute(LogTransaction tx);

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

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
