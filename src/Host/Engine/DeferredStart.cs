namespace Skein.Host.Engine;

/// <summary>A new step asked for before replay caught up with the log (or while pausing): started later.</summary>
internal sealed record DeferredStart(string Description, Action Start);
