namespace Skein.Tests.Common;

/// <summary>One problem of the upload scan: its stable code, the API it names (when it is about one), the message.</summary>
public sealed record ScanProblem(string Code, string? Api, string Message);
