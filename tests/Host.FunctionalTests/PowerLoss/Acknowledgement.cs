namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// Something the client was told is done — a 201, a restore's 200 or a step shown complete with <see cref="Output"/> — and how long
/// the shim's record file was when the client had heard it: a cut after <see cref="RecordedBefore"/> bytes must keep it.
/// </summary>
internal sealed record Acknowledgement(string What, string? Instance, string? Step, string? Output, long RecordedBefore)
{
    public override string ToString() => Step is null ? $"{What} {Instance}".TrimEnd() : $"{What} {Instance} {Step} = {Output}";
}
