namespace Skein.Host.Engine;

/// <summary>
/// An actor queued for a concurrency slot: its status stays <c>queued</c> until the slot comes (as a
/// <see cref="InstanceMessage.SlotGranted"/> message) or a control message cancels the request.
/// </summary>
internal sealed class SlotRequest : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public CancellationToken Token => _cancel.Token;

    /// <summary>Withdraws the request: the slot, if granted meanwhile, is given back by whoever receives it.</summary>
    public void Cancel() => _cancel.Cancel();

    public void Dispose() => _cancel.Dispose();
}
