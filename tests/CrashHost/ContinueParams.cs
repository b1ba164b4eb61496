namespace Skein.CrashHost;

/// <summary>
/// The parameters of a continue-loop run: which run it is, the last run, the sum of the earlier runs' results carried
/// from run to run, and where the steps record their side effects.
/// </summary>
internal sealed record ContinueParams(int Run, int Until, long Total, string SideEffectFile);
