namespace Skein.Host.Plugins.Validation;

/// <summary>A file of the upload, inflated and with a checked relative path.</summary>
internal sealed record UploadEntry(string Path, byte[] Bytes)
{
    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];
}
