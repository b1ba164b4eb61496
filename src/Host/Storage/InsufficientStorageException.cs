namespace Skein.Host.Storage;

/// <summary>A change refused up front because the disk holding the data folder has too little free space for it.</summary>
internal sealed class InsufficientStorageException(string message) : IOException(message);
