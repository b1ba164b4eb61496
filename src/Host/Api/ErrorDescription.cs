namespace Skein.Host.Api;

/// <summary>An error's type name and message.</summary>
internal sealed record ErrorDescription(string Name, string Message);
