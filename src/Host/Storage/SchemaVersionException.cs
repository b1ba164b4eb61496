namespace Skein.Host.Storage;

/// <summary>A database was written by a newer schema than this build knows.</summary>
internal sealed class SchemaVersionException(string message) : Exception(message);
