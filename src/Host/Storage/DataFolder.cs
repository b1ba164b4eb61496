namespace Skein.Host.Storage;

/// <summary>The node's data folder (full path): catalogs, logs and deployments live under it.</summary>
internal sealed record DataFolder(string Path);
