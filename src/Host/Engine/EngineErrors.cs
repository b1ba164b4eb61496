namespace Skein.Host.Engine;

/// <summary>A request the engine refuses; nothing was changed. The API maps each kind to a status code.</summary>
internal abstract class EngineException(string message) : Exception(message);

/// <summary>The tenant, workflow, instance or step does not exist (404).</summary>
internal sealed class NotFoundException(string message) : EngineException(message);

/// <summary>The operation does not fit the instance's status, or an id is taken by another workflow (409).</summary>
internal sealed class ConflictException(string message, Storage.InstanceStatus? status = null) : EngineException(message)
{
    /// <summary>The instance's status when it conflicts with its status (the API shows it as <c>instanceStatus</c>).</summary>
    public Storage.InstanceStatus? Status { get; } = status;
}

/// <summary>The request is malformed: a bad id, name or value (400); <see cref="Field"/> names the field when one is to blame.</summary>
internal sealed class InvalidRequestException(string message, string? field = null) : EngineException(message)
{
    public string? Field { get; } = field;
}

/// <summary>A payload is larger than the tenant's limit (413).</summary>
internal sealed class PayloadTooLargeException(string message) : EngineException(message);
