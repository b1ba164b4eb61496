namespace Skein.Host.Tests.Plugins;

/// <summary>Whether an unloaded load context goes: a bounded number of full collections, no waiting on the clock.</summary>
internal static class Collection
{
    public static bool Collected(WeakReference context)
    {
        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return !context.IsAlive;
    }
}
