using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>The outcome of a create: the instance as the log holds it, and whether this call created it.</summary>
internal sealed record CreatedInstance(InstanceRow Instance, bool Created)
{
    public string Id => Instance.Id;

    public InstanceStatus Status => Instance.Status;
}
