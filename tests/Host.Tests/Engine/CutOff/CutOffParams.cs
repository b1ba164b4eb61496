namespace Skein.Host.Tests.Engine.CutOff;

/// <summary>The retry limit of the <see cref="CutOffWorkflow"/>'s steps, and how many steps it runs.</summary>
internal sealed record CutOffParams(int Limit, int Steps = 1);
