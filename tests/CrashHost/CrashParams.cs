namespace Skein.CrashHost;

/// <summary>The parameters of a crash instance: where its steps record their side effects.</summary>
internal sealed record CrashParams(string SideEffectFile);
