namespace Skein.Host.Plugins.Validation;

/// <summary>What the request body of an upload is.</summary>
internal enum UploadKind
{
    /// <summary>A single workflow assembly.</summary>
    Dll,

    /// <summary>A zip of a <c>dotnet publish</c> folder: the workflow assembly and its dependencies.</summary>
    Zip,
}
