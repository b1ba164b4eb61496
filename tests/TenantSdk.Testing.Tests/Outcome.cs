namespace Skein.TenantSdk.Testing.Tests;

/// <summary>What a described instance says happened, without its times (the two hosts run on different clocks).</summary>
internal static class Outcome
{
    public static IReadOnlyList<string> Of(InstanceDescription d) =>
    [
        $"status={d.Status} output={d.Output?.GetRawText()} error={d.Error?.Name} run={d.Run} runs={d.Runs?.Count}",
        .. d.Steps.Select(s =>
            $"{s.Type} {s.Name}#{s.Count} status={s.Status} finished={s.Finished} output={s.Output?.GetRawText()} error={s.Error?.Name} " +
            $"attempts=[{string.Join(",", (s.Attempts ?? []).Select(a => a.Success ? "ok" : a.Error?.Name))}] rollback={s.Rollback?.Status} child={s.InstanceId}"),
    ];
}
