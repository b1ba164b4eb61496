namespace Skein.Cli.Profiles;

/// <summary>A saved connection: the host (or router) URL, its key, and the tenant tenant commands act on.</summary>
internal sealed record Profile(string Url, string Key, string? Tenant);
