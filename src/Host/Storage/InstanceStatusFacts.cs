namespace Skein.Host.Storage;

/// <summary>What the engine asks of a status, on the enum itself: <c>InstanceStatus.IsFinished(s)</c>, <c>InstanceStatus.All</c>.</summary>
internal static class InstanceStatusFacts
{
    private static readonly InstanceStatus[] Every = Enum.GetValues<InstanceStatus>();

    // DESIGN §3's names, by enum value.
    private static readonly string[] Names = ["queued", "running", "paused", "waitingForPause", "waiting", "complete", "errored", "terminated"];

    extension(InstanceStatus status)
    {
        /// <summary>The status as DESIGN §3 names it: in messages and, mapped at the API's edge, on the wire.</summary>
        public string Name => Names[(int)status];
    }

    extension(InstanceStatus)
    {
        /// <summary>Every status, in life order.</summary>
        public static IReadOnlyList<InstanceStatus> All => Every;

        /// <summary>The status DESIGN §3 names <paramref name="name"/>; false when none is.</summary>
        public static bool TryParse(string name, out InstanceStatus status)
        {
            foreach (var candidate in Every)
            {
                if (string.Equals(Names[(int)candidate], name, StringComparison.Ordinal))
                {
                    status = candidate;
                    return true;
                }
            }

            status = default;
            return false;
        }

        /// <summary>Complete, errored and terminated: an instance in one of them never runs again unless restarted.</summary>
        public static bool IsFinished(InstanceStatus status) =>
            status is InstanceStatus.Complete or InstanceStatus.Errored or InstanceStatus.Terminated;

        /// <summary>As <see cref="IsFinished(InstanceStatus)"/>; no status (a deleted instance) is not finished.</summary>
        public static bool IsFinished(InstanceStatus? status) => status is { } known && IsFinished(known);
    }
}
