namespace Skein.Host.Egress;

/// <summary>Limits of the <c>HttpClient</c> steps get (<c>StepContext.Http</c>), bound from <c>Skein:Egress</c>.</summary>
public sealed class EgressOptions
{
    /// <summary>How long one request may take, response body included. Default 30 s; the step's own timeout also bounds it.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response body a step may read, buffered or streamed. Default 16 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Redirects followed per request; each hop is checked against the egress policy again. Default 10.</summary>
    public int MaxRedirects { get; set; } = 10;
}
