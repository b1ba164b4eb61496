namespace Skein.Host.Api;

/// <summary>One attempt of a step.</summary>
internal sealed record AttemptDescription(int Attempt, DateTimeOffset Start, DateTimeOffset End, bool Success, ErrorDescription? Error);
