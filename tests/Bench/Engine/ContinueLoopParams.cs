namespace Skein.Bench.Engine;

/// <summary>A continue-as-new loop's state: its run, its last run, and the run at which it waits for a "go" event.</summary>
internal sealed record ContinueLoopParams(int Run, int Until, int PauseAt);
