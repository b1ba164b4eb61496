using static Skein.Host.Plugins.Validation.UploadProblemCodes;

namespace Skein.Host.Plugins.Validation;

internal static partial class DefaultApiPolicy
{
    private const string OutlivesVersion =
        "timers and dedicated threads run tenant code after the step returned, past a delete or a retirement, and keep the version from unloading; use step.Sleep, or await inside the step";

    /// <summary>
    /// Every way to have code called back later or on a thread of its own, as one family: the scan refused
    /// System.Threading.Timer alone and PeriodicTimer walked past it. Task.Delay and Task.Run stay allowed: a step
    /// awaits them (backoff, polling, parallel work) and its token and timeout bound them; a detached loop on them
    /// is what the host's not-collected check reports (docs/security.md).
    /// </summary>
    private static void AddTimers(ApiPolicy p)
    {
        p.Type("System.Threading.PeriodicTimer").Deny(Threading, OutlivesVersion);
        p.Type("System.Threading.ITimer").Deny(Threading, OutlivesVersion);
        p.Type("System.Threading.RegisteredWaitHandle").Deny(Threading, OutlivesVersion);
        p.DenyNamespace("System.Timers", Threading, OutlivesVersion);
        p.Type("System.TimeProvider").DenyMember("CreateTimer", Threading, OutlivesVersion);
        p.Type("System.Threading.ThreadPool")
            .DenyMember("RegisterWaitForSingleObject", Threading, OutlivesVersion)
            .DenyMember("UnsafeRegisterWaitForSingleObject", Threading, OutlivesVersion);

        // Callbacks the runtime runs on a thread of its own: an exception there is unhandled and ends the host process
        // (every tenant on the node), and no try/catch of the host's can be around it.
        const string EndsProcess = "its callbacks run on a runtime thread where an exception ends the whole host process";
        p.Type("System.Runtime.CompilerServices.AsyncVoidMethodBuilder")
            .Deny(Threading, "an async void method or lambda: " + EndsProcess + "; return Task and await it");
        p.Type("System.Threading.CancellationTokenSource")
            .DenyMember(".ctor", Threading, "a self-timed CancellationTokenSource: " + EndsProcess + "; use StepConfig.Timeout and ctx.CancellationToken", TakesDelay)
            .DenyMember("CancelAfter", Threading, "a self-timed CancellationTokenSource: " + EndsProcess + "; use StepConfig.Timeout and ctx.CancellationToken");

        // The options can only be told apart at run time, and LongRunning asks for a dedicated thread.
        const string Options = "TaskCreationOptions and TaskContinuationOptions can ask for a dedicated thread (LongRunning); use Task.Run or await";
        foreach (var type in new[] { "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.TaskFactory", "System.Threading.Tasks.TaskFactory`1" })
        {
            foreach (var member in new[] { ".ctor", "StartNew", "ContinueWith", "ContinueWhenAll", "ContinueWhenAny", "FromAsync" })
            {
                p.Type(type).DenyMember(member, Threading, Options, TakesTaskOptions);
            }
        }
    }

    private static bool TakesDelay(MemberShape shape) =>
        shape.Parameters.Contains("System.TimeSpan") || shape.Parameters.Contains("System.Int32");

    private static bool TakesTaskOptions(MemberShape shape) =>
        shape.Parameters.Contains("System.Threading.Tasks.TaskCreationOptions")
        || shape.Parameters.Contains("System.Threading.Tasks.TaskContinuationOptions");
}
