namespace Skein.Host.Telemetry;

/// <summary>
/// Boxed copies of the small numbers span attributes carry most (step counts, attempts), made once: an attribute value
/// is an <see cref="object"/>, and boxing it anew on every step attempt is an allocation per attempt.
/// </summary>
internal static class SmallNumbers
{
    private static readonly object[] Cache = Enumerable.Range(0, 256).Select(n => (object)n).ToArray();

    /// <summary>The boxed <paramref name="value"/>: shared for 0–255, a new box otherwise.</summary>
    public static object Boxed(int value) => (uint)value < (uint)Cache.Length ? Cache[value] : value;
}
