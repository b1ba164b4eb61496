using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>A watcher of an instance's status, as the API's <c>?wait=</c> and the status stream start one.</summary>
internal static class StatusWatch
{
    /// <summary>Starts waiting as the API does (the current status is read and offered first), bounded by a deadline.</summary>
    public static Task<InstanceStatus?> Start(TestEngine t, string id, Func<InstanceStatus?, bool> until)
    {
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);
        var deadline = new CancellationTokenSource(Eventually.DefaultDeadline);
        var waiting = t.Engine.WaitForStatusAsync(runtime, id, until, deadline.Token);
        Assert.False(waiting.IsCompleted);
        _ = waiting.ContinueWith(_ => deadline.Dispose(), TaskScheduler.Default);
        return waiting;
    }
}
