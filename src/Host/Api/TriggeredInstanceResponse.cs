namespace Skein.Host.Api;

/// <summary>The answer of an HTTP trigger not waited for: the instance it started, where to find it, its status.</summary>
internal sealed record TriggeredInstanceResponse(string Id, string Url, string Status);
