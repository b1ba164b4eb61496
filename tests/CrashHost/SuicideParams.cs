namespace Skein.CrashHost;

/// <summary>The parameters of a suicide instance: where its step records its runs, and the step's retry limit.</summary>
internal sealed record SuicideParams(string SideEffectFile, int Limit);
