namespace Skein.Host.Api;

/// <summary>The step a log line was written in: its name and which use of the name.</summary>
internal sealed record LogStepDescription(string Name, int Count);
