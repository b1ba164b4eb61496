using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace Skein.Host.Engine.Logging;

/// <summary>
/// The frames of an exception's stack trace that are the tenant's own code — methods of the workflow's assembly or
/// of another assembly of the same upload (its load context), not the engine's, the SDK's or .NET's — innermost
/// first, at most <see cref="MaxFrames"/>, each as .NET prints it (with file and line when the upload has its PDB).
/// </summary>
internal static class TenantFrames
{
    public const int MaxFrames = 5;

    /// <summary>
    /// Exceptions the runtime raises with a fixed message that never names the code (a null dereference, an index out
    /// of range, a bad cast, a division by zero, an overflow): their message gets the innermost tenant frame.
    /// </summary>
    private static readonly HashSet<Type> Anonymous =
    [
        typeof(NullReferenceException), typeof(IndexOutOfRangeException), typeof(InvalidCastException),
        typeof(DivideByZeroException), typeof(OverflowException), typeof(ArrayTypeMismatchException),
    ];

    /// <summary>
    /// The tenant's frames of <paramref name="error"/>; when it has none (the tenant wrapped nothing, the engine
    /// threw), those of its inner exceptions, the first that has some.
    /// </summary>
    public static IReadOnlyList<string> Of(Exception error, Assembly tenant)
    {
        var context = AssemblyLoadContext.GetLoadContext(tenant);
        for (Exception? e = error; e is not null; e = e is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[0] : e.InnerException)
        {
            var frames = new List<string>();
            foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
            {
                if (frames.Count == MaxFrames)
                {
                    break;
                }

                if (frame.GetMethod()?.DeclaringType?.Assembly is { } assembly && IsTenants(assembly, tenant, context)
                    && Text(frame) is { Length: > 0 } text)
                {
                    frames.Add(text);
                }
            }

            if (frames.Count > 0)
            {
                return frames;
            }
        }

        return [];
    }

    /// <summary>The message to record: the exception's own, with the innermost tenant frame when it is anonymous.</summary>
    public static string Message(Exception error, IReadOnlyList<string> frames) =>
        frames.Count > 0 && Anonymous.Contains(error.GetType()) ? $"{error.Message} (in {frames[0]})" : error.Message;

    private static bool IsTenants(Assembly assembly, Assembly tenant, AssemblyLoadContext? context) =>
        assembly == tenant
        || (context is { IsCollectible: true } && AssemblyLoadContext.GetLoadContext(assembly) == context);

    /// <summary>One frame as .NET prints it (async state machines shown as their method), without the leading "at".</summary>
    private static string Text(StackFrame frame)
    {
        var text = new StackTrace(frame).ToString().Trim();
        return text.StartsWith("at ", StringComparison.Ordinal) ? text[3..] : text;
    }
}
