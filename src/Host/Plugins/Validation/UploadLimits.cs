namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Caps on what an upload may expand to. The request body's own size is the caller's concern (413); these bound
/// what the body inflates into, so a small zip cannot make the host allocate or write without limit.
/// </summary>
internal sealed record UploadLimits
{
    public static UploadLimits Default { get; } = new();

    /// <summary>Most entries a zip may have, folders and ignored files included. Default 2,000.</summary>
    public int MaxEntries { get; init; } = 2_000;

    /// <summary>Most bytes the kept files may add up to once inflated. Default 256 MiB.</summary>
    public long MaxExpandedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Highest uncompressed ÷ compressed size of one zip entry. Default 100 (assemblies compress 2–4×).</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>
    /// Entries smaller than this are not held to <see cref="MaxCompressionRatio"/>: a small file of zeros is harmless
    /// and <see cref="MaxExpandedBytes"/> still bounds the sum. Default 1 MiB.
    /// </summary>
    public long CompressionRatioFloorBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Most problems reported; one more says how many were left out, so a hostile upload cannot make the response
    /// itself huge. Default 500.
    /// </summary>
    public int MaxProblems { get; init; } = 500;
}
