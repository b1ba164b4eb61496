namespace Skein.Bench.Engine;

/// <summary>Parameters of <see cref="BenchWorkflow"/>: how many steps each instance runs.</summary>
internal sealed record BenchParams(int Steps);
