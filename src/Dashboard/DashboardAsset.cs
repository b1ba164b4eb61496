using Microsoft.Net.Http.Headers;

namespace Skein.Dashboard;

/// <summary>One file of the dashboard, read once from the assembly, with its content type and a strong ETag of its bytes.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
