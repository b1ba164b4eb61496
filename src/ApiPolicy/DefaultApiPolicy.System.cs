using static Skein.Host.Plugins.Validation.UploadProblemCodes;

namespace Skein.Host.Plugins.Validation;

internal static partial class DefaultApiPolicy
{
    private const string Files = "direct file-system access is not allowed";
    private const string Threads = "starting or controlling threads is not allowed (a running thread keeps the tenant's code from unloading)";
    private const string OwnClient =
        "tenant code does not make its own HTTP clients or handlers (they would bypass the host's egress policy); use StepContext.Http";
    private const string HostDiagnostics = "listening to the host's diagnostics would expose other tenants' data";

    private static void AddFilesAndNetwork(ApiPolicy p)
    {
        p.AllowNamespace("System.IO");
        foreach (var type in new[] { "File", "FileInfo", "Directory", "DirectoryInfo", "DriveInfo", "FileSystemInfo", "FileSystemWatcher", "FileStream", "RandomAccess" })
        {
            p.Type($"System.IO.{type}").Deny(FileSystemAccess, Files);
        }

        p.Type("System.IO.StreamReader").DenyMember(".ctor", FileSystemAccess, Files, s => s.FirstParameterIs("System.String"));
        p.Type("System.IO.StreamWriter").DenyMember(".ctor", FileSystemAccess, Files, s => s.FirstParameterIs("System.String"));
        p.Type("System.IO.Path").DenyMember("GetTempFileName", FileSystemAccess, Files);
        p.Type("System.IO.UnmanagedMemoryStream").Deny(UnsafeCode, Unsafe);
        p.Type("System.IO.UnmanagedMemoryAccessor").Deny(UnsafeCode, Unsafe);
        p.AllowNamespace("System.IO.Compression");
        p.Type("System.IO.Compression.ZipFile").Deny(FileSystemAccess, Files);
        p.Type("System.IO.Compression.ZipFileExtensions").Deny(FileSystemAccess, Files);
        p.DenyNamespace("System.IO.Pipes", FileSystemAccess, "pipes to other processes are not allowed");
        p.DenyNamespace("System.IO.MemoryMappedFiles", FileSystemAccess, Files);
        p.DenyNamespace("System.IO.IsolatedStorage", FileSystemAccess, Files);
        p.DenyNamespace("System.IO.Enumeration", FileSystemAccess, Files);
        p.DenyNamespace("System.IO.Ports", FileSystemAccess, "serial ports belong to the host");

        // StepContext.Http is how workflows call APIs; raw sockets, listeners and the file:// capable WebRequest are not.
        p.AllowNamespace("System.Net");
        foreach (var type in new[] { "WebRequest", "HttpWebRequest", "FileWebRequest", "FtpWebRequest", "WebClient" })
        {
            p.Type($"System.Net.{type}").Deny(NetworkAccess, "WebRequest and WebClient can read local files (file://); use StepContext.Http");
        }

        p.Type("System.Net.HttpListener").Deny(NetworkAccess, "listening for connections is not allowed");
        p.Type("System.Net.ServicePointManager").Deny(HostEnvironment, "changing the host's network settings is not allowed");
        p.AllowNamespace("System.Net.Http", includeChildren: true);
        p.Type("System.Net.Http.HttpClient").DenyMember("set_DefaultProxy", HostEnvironment, Global)
            .DenyMember(".ctor", NetworkAccess, OwnClient);
        // Using the client a step is given is fine; making one, or a handler under it, bypasses the egress policy.
        p.Type("System.Net.Http.HttpMessageInvoker").DenyMember(".ctor", NetworkAccess, OwnClient);
        foreach (var type in new[] { "HttpMessageHandler", "DelegatingHandler", "MessageProcessingHandler", "HttpClientHandler",
                     "SocketsHttpHandler", "WinHttpHandler", "SocketsHttpConnectionContext", "SocketsHttpPlaintextStreamFilterContext" })
        {
            p.Type($"System.Net.Http.{type}").Deny(NetworkAccess, OwnClient);
        }

        p.Type("System.Net.Dns").Deny(NetworkAccess, "looking names up maps the operator's network; StepContext.Http resolves names itself");
        p.AllowNamespace("System.Net.Mime");
        p.DenyNamespace("System.Net.Sockets", NetworkAccess, "raw sockets are not allowed; use StepContext.Http");
        p.DenyNamespace("System.Net.Quic", NetworkAccess, "raw sockets are not allowed; use StepContext.Http");
        p.DenyNamespace("System.Net.NetworkInformation", NetworkAccess, "inspecting the host's network is not allowed");
    }

    private static void AddThreading(ApiPolicy p)
    {
        p.AllowNamespace("System.Threading");
        p.AllowNamespace("System.Threading.Tasks", includeChildren: true);
        p.AllowNamespace("System.Threading.Channels");
        p.Type("System.Threading.Tasks.TaskScheduler").DenyMember("add_UnobservedTaskException", HostEnvironment, HostDiagnostics);
        p.Type("System.Threading.SynchronizationContext").DenyMember("SetSynchronizationContext", HostEnvironment,
            "changing the thread's synchronization context leaks into the host's code on that thread");
        p.Type("System.Threading.Thread").AllowOnly(Threading, Threads,
            "Sleep", "SpinWait", "Yield", "MemoryBarrier", "VolatileRead", "VolatileWrite", "get_CurrentThread",
            "get_ManagedThreadId", "get_Name", "get_IsThreadPoolThread", "get_CurrentCulture", "get_CurrentUICulture");
        p.Type("System.Threading.Timer").Deny(Threading, "timers outlive the workflow and keep its code from unloading; use step.Sleep");
        p.Type("System.Threading.Mutex").Deny(Threading, "system-wide synchronization objects are not allowed; use SemaphoreSlim or lock");
        p.Type("System.Threading.Semaphore").Deny(Threading, "system-wide synchronization objects are not allowed; use SemaphoreSlim or lock");
        p.Type("System.Threading.EventWaitHandle")
            .DenyMember(".ctor", Threading, "named (system-wide) wait handles are not allowed", s => s.TakesString)
            .DenyMember("OpenExisting", Threading, "named (system-wide) wait handles are not allowed")
            .DenyMember("TryOpenExisting", Threading, "named (system-wide) wait handles are not allowed");
        p.Type("System.Threading.ThreadPool")
            .DenyMember("SetMinThreads", HostEnvironment, "changing the host's thread pool is not allowed")
            .DenyMember("SetMaxThreads", HostEnvironment, "changing the host's thread pool is not allowed")
            .DenyMember("BindHandle", NativeInterop, Native)
            .DenyMember("UnsafeQueueNativeOverlapped", NativeInterop, Native);
        p.Type("System.Threading.WaitHandle")
            .DenyMember("set_Handle", NativeInterop, "native handles are not allowed")
            .DenyMember("set_SafeWaitHandle", NativeInterop, "native handles are not allowed");
        foreach (var type in new[] { "Overlapped", "NativeOverlapped", "PreAllocatedOverlapped", "ThreadPoolBoundHandle" })
        {
            p.Type($"System.Threading.{type}").Deny(NativeInterop, "native overlapped I/O is not allowed");
        }
    }

    private static void AddDiagnostics(ApiPolicy p)
    {
        p.AllowTypes("System.Diagnostics", ApiNotAllowed,
            "only the debugger attributes, Stopwatch, StackTrace, Activity and Debug output of System.Diagnostics are on the allow-list",
            includeChildren: false,
            "ConditionalAttribute", "DebuggableAttribute", "DebuggerBrowsableAttribute", "DebuggerBrowsableState",
            "DebuggerDisplayAttribute", "DebuggerHiddenAttribute", "DebuggerNonUserCodeAttribute", "DebuggerStepThroughAttribute",
            "DebuggerStepperBoundaryAttribute", "DebuggerTypeProxyAttribute", "DebuggerVisualizerAttribute",
            "DebuggerDisableUserUnhandledExceptionsAttribute", "StackTraceHiddenAttribute", "UnreachableException",
            "Stopwatch", "StackTrace", "StackFrame", "Activity", "ActivitySource", "ActivityKind", "ActivityContext",
            "ActivityStatusCode", "ActivityTagsCollection", "ActivityEvent", "ActivityLink", "ActivityTraceId",
            "ActivitySpanId", "ActivityTraceFlags", "ActivityIdFormat", "TagList");
        p.AllowNamespace("System.Diagnostics.CodeAnalysis");
        p.Type("System.Diagnostics.Process").Deny(ProcessControl, "starting or inspecting processes is not allowed");
        p.Type("System.Diagnostics.ProcessStartInfo").Deny(ProcessControl, "starting or inspecting processes is not allowed");
        p.Type("System.Diagnostics.Debug")
            .DenyMember("Assert", ProcessControl, "a failed Debug.Assert ends the host process")
            .DenyMember("Fail", ProcessControl, "Debug.Fail ends the host process")
            .AllowOnly(HostEnvironment, "only Debug's Write, WriteLine and Print members are allowed",
                "Write", "WriteLine", "WriteIf", "WriteLineIf", "Print", "Indent", "Unindent");
        p.Type("System.Diagnostics.Debugger").AllowOnly(ProcessControl, "controlling the debugger is not allowed", "get_IsAttached");
        p.Type("System.Diagnostics.ActivitySource").DenyMember("AddActivityListener", HostEnvironment, HostDiagnostics);
        p.Type("System.Diagnostics.Activity")
            .DenyMember("set_DefaultIdFormat", HostEnvironment, HostState)
            .DenyMember("set_ForceDefaultIdFormat", HostEnvironment, HostState);
        p.DenyNamespace("System.Diagnostics.Tracing", HostEnvironment, HostDiagnostics);
    }
}
