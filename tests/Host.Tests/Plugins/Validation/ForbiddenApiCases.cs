using Skein.Host.Plugins.Validation;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>
/// The corpus of forbidden API uses: members of a class <c>MyTenant.Evil</c>, the problem code each must produce,
/// and what the message must name.
/// </summary>
internal static class ForbiddenApiCases
{
    public static TheoryData<string, string, string> Safe { get; } = new()
    {
        // Processes and the host process.
        { "public static void Run() => System.Diagnostics.Process.Start(\"sh\", \"-c id\");", UploadProblemCodes.ProcessControl, "calls System.Diagnostics.Process.Start" },
        { "public static void Run() => Environment.Exit(3);", UploadProblemCodes.ProcessControl, "calls System.Environment.Exit" },
        { "public static void Run() => Environment.FailFast(\"bye\");", UploadProblemCodes.ProcessControl, "calls System.Environment.FailFast" },
        { "public static string? Run() => Environment.GetEnvironmentVariable(\"DB_PASSWORD\");", UploadProblemCodes.HostEnvironment, "calls System.Environment.GetEnvironmentVariable" },
        { "public static void Run() => AppDomain.CurrentDomain.ProcessExit += (_, _) => { };", UploadProblemCodes.HostEnvironment, "System.AppDomain" },
        { "public static void Run() => GC.Collect();", UploadProblemCodes.HostEnvironment, "calls System.GC.Collect" },
        { "public static string? Run() => Console.ReadLine();", UploadProblemCodes.HostEnvironment, "calls System.Console.ReadLine" },

        // Reflection that invokes or names types.
        { "public static object? Run() => Activator.CreateInstance(\"System.Diagnostics.Process\", \"System.Diagnostics.Process\");", UploadProblemCodes.Reflection, "calls System.Activator.CreateInstance" },
        { "public static object? Run() => Activator.CreateInstance(typeof(System.IO.MemoryStream), new object[] { 16 });", UploadProblemCodes.Reflection, "calls System.Activator.CreateInstance" },
        { "public static object? Run() => typeof(string).InvokeMember(\"Copy\", System.Reflection.BindingFlags.InvokeMethod, null, null, [\"x\"]);", UploadProblemCodes.Reflection, "calls System.Type.InvokeMember" },
        { "public static int P { get; set; } public static object? Run() => typeof(Evil).GetProperty(\"P\")!.GetValue(null);", UploadProblemCodes.Reflection, "calls System.Reflection.PropertyInfo.GetValue" },
        { "public static int F; public static void Run() => typeof(Evil).GetField(\"F\")!.SetValue(null, 1);", UploadProblemCodes.Reflection, "calls System.Reflection.FieldInfo.SetValue" },
        { "public static void M() { } public static Delegate Run() => Delegate.CreateDelegate(typeof(Action), typeof(Evil), \"M\");", UploadProblemCodes.Reflection, "calls System.Delegate.CreateDelegate" },
        { "public static object Run() => System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Evil));", UploadProblemCodes.Reflection, "calls System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject" },
        { "public static object Run(dynamic d) => d.Anything();", UploadProblemCodes.Reflection, "Microsoft.CSharp.RuntimeBinder" },
        { "[System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = \"_items\")] public static extern ref object[] Items(List<object> list);", UploadProblemCodes.Reflection, "System.Runtime.CompilerServices.UnsafeAccessorAttribute" },

        // Process-wide state other tenants share.
        { "public static byte[] Run() => System.Buffers.ArrayPool<byte>.Shared.Rent(4096);", UploadProblemCodes.HostEnvironment, "calls System.Buffers.ArrayPool`1.get_Shared" },
        { "public static void Run() => System.Text.Encoding.RegisterProvider(null!);", UploadProblemCodes.HostEnvironment, "calls System.Text.Encoding.RegisterProvider" },
        { "public static void Run() => TaskScheduler.UnobservedTaskException += (_, e) => e.SetObserved();", UploadProblemCodes.HostEnvironment, "calls System.Threading.Tasks.TaskScheduler.add_UnobservedTaskException" },

        // Assembly loading and code generation.
        { "public static object Run() => System.Reflection.Assembly.Load(\"System.Diagnostics.Process\");", UploadProblemCodes.AssemblyLoading, "calls System.Reflection.Assembly.Load" },
        { "public static object Run() => System.Reflection.Assembly.LoadFrom(\"/tmp/x.dll\");", UploadProblemCodes.AssemblyLoading, "calls System.Reflection.Assembly.LoadFrom" },
        { "public static object Run() => System.Reflection.Assembly.LoadFile(\"/tmp/x.dll\");", UploadProblemCodes.AssemblyLoading, "calls System.Reflection.Assembly.LoadFile" },
        { "public static object Run() => System.Reflection.Assembly.UnsafeLoadFrom(\"/tmp/x.dll\");", UploadProblemCodes.AssemblyLoading, "calls System.Reflection.Assembly.UnsafeLoadFrom" },
        { "public static object Run() => typeof(Evil).Assembly.GetTypes();", UploadProblemCodes.AssemblyLoading, "calls System.Reflection.Assembly.GetTypes" },
        { "public static object Run() => new System.Runtime.Loader.AssemblyLoadContext(\"x\").LoadFromAssemblyPath(\"/tmp/x.dll\");", UploadProblemCodes.AssemblyLoading, "System.Runtime.Loader.AssemblyLoadContext" },
        { "public static object Run() => new System.Reflection.Emit.DynamicMethod(\"f\", typeof(int), Type.EmptyTypes);", UploadProblemCodes.CodeGeneration, "creates System.Reflection.Emit.DynamicMethod" },
        { "public static object Run() => System.Reflection.Emit.AssemblyBuilder.DefineDynamicAssembly(new(\"x\"), System.Reflection.Emit.AssemblyBuilderAccess.Run);", UploadProblemCodes.CodeGeneration, "calls System.Reflection.Emit.AssemblyBuilder.DefineDynamicAssembly" },
        { "public static Func<int> Run() => System.Linq.Expressions.Expression.Lambda<Func<int>>(System.Linq.Expressions.Expression.Constant(1)).Compile();", UploadProblemCodes.CodeGeneration, "System.Linq.Expressions" },

        // Native code and unsafe memory without the unsafe keyword.
        { "public static IntPtr Run() => System.Runtime.InteropServices.Marshal.AllocHGlobal(16);", UploadProblemCodes.NativeInterop, "calls System.Runtime.InteropServices.Marshal.AllocHGlobal" },
        { "public static IntPtr Run() => System.Runtime.InteropServices.NativeLibrary.Load(\"libc.so.6\");", UploadProblemCodes.NativeInterop, "calls System.Runtime.InteropServices.NativeLibrary.Load" },
        { "public static object Run() => System.Runtime.InteropServices.GCHandle.Alloc(new object(), System.Runtime.InteropServices.GCHandleType.Pinned);", UploadProblemCodes.NativeInterop, "System.Runtime.InteropServices.GCHandle" },
        { "[System.Runtime.InteropServices.DllImport(\"libc\")] public static extern int getpid();", UploadProblemCodes.NativeInterop, "P/Invoke into libc!getpid" },
        { "public static string Run() => System.Runtime.CompilerServices.Unsafe.As<string>(new object());", UploadProblemCodes.UnsafeCode, "calls System.Runtime.CompilerServices.Unsafe.As" },
        { "public static int Run(byte[] b) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(b)[0];", UploadProblemCodes.UnsafeCode, "calls System.Runtime.InteropServices.MemoryMarshal.Cast" },
        { "[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)] public class Overlay { [System.Runtime.InteropServices.FieldOffset(0)] public object? A; [System.Runtime.InteropServices.FieldOffset(0)] public string? B; }", UploadProblemCodes.UnsafeCode, "MyTenant.Evil+Overlay has an explicit field layout" },

        // The file system.
        { "public static string Run() => System.IO.File.ReadAllText(\"/etc/passwd\");", UploadProblemCodes.FileSystemAccess, "calls System.IO.File.ReadAllText" },
        { "public static object Run() => new System.IO.FileStream(\"/tmp/x\", System.IO.FileMode.Create);", UploadProblemCodes.FileSystemAccess, "creates System.IO.FileStream" },
        { "public static string[] Run() => System.IO.Directory.GetFiles(\"/\");", UploadProblemCodes.FileSystemAccess, "calls System.IO.Directory.GetFiles" },
        { "public static void Run() => new System.IO.FileInfo(\"/tmp/x\").Delete();", UploadProblemCodes.FileSystemAccess, "System.IO.FileInfo" },
        { "public static object Run() => new System.IO.DirectoryInfo(\"/\").GetFiles();", UploadProblemCodes.FileSystemAccess, "System.IO.DirectoryInfo" },
        { "public static object Run() => System.IO.DriveInfo.GetDrives();", UploadProblemCodes.FileSystemAccess, "calls System.IO.DriveInfo.GetDrives" },
        { "public static object Run() => new System.IO.FileSystemWatcher(\"/\");", UploadProblemCodes.FileSystemAccess, "creates System.IO.FileSystemWatcher" },
        { "public static object Run() => new System.IO.StreamReader(\"/etc/passwd\");", UploadProblemCodes.FileSystemAccess, "creates System.IO.StreamReader" },
        { "public static object Run() => new System.IO.Pipes.NamedPipeClientStream(\"skein\");", UploadProblemCodes.FileSystemAccess, "System.IO.Pipes.NamedPipeClientStream" },
        { "public static object Run() => System.IO.MemoryMappedFiles.MemoryMappedFile.CreateNew(\"x\", 10);", UploadProblemCodes.FileSystemAccess, "System.IO.MemoryMappedFiles.MemoryMappedFile" },

        // The network beyond StepContext.Http.
        { "public static object Run() => new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);", UploadProblemCodes.NetworkAccess, "System.Net.Sockets.Socket" },
        { "public static object Run() => new System.Net.Sockets.TcpClient(\"localhost\", 5432);", UploadProblemCodes.NetworkAccess, "creates System.Net.Sockets.TcpClient" },
        { "public static object Run() => new System.Net.HttpListener();", UploadProblemCodes.NetworkAccess, "creates System.Net.HttpListener" },
        { "#pragma warning disable SYSLIB0014\npublic static object Run() => System.Net.WebRequest.Create(\"file:///etc/passwd\");", UploadProblemCodes.NetworkAccess, "calls System.Net.WebRequest.Create" },
        { "#pragma warning disable SYSLIB0014\npublic static object Run() => new System.Net.WebClient();", UploadProblemCodes.NetworkAccess, "creates System.Net.WebClient" },
        { "public static object Run() => System.Net.Dns.GetHostAddresses(\"db.internal\");", UploadProblemCodes.NetworkAccess, "calls System.Net.Dns.GetHostAddresses" },

        // HTTP clients and handlers of the tenant's own, which the egress policy would not see.
        { "public static object Run() => new System.Net.Http.HttpClient();", UploadProblemCodes.NetworkAccess, "creates System.Net.Http.HttpClient" },
        { "public static object Run() => new System.Net.Http.HttpClient(new System.Net.Http.SocketsHttpHandler(), true);", UploadProblemCodes.NetworkAccess, "System.Net.Http.SocketsHttpHandler" },
        { "public static object Run() => new System.Net.Http.HttpClientHandler { UseProxy = false };", UploadProblemCodes.NetworkAccess, "System.Net.Http.HttpClientHandler" },
        { "public static object Run() => new System.Net.Http.HttpMessageInvoker(null!);", UploadProblemCodes.NetworkAccess, "creates System.Net.Http.HttpMessageInvoker" },
        { "public sealed class Direct : System.Net.Http.HttpMessageHandler { protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage r, CancellationToken c) => Task.FromResult(new System.Net.Http.HttpResponseMessage()); }", UploadProblemCodes.NetworkAccess, "System.Net.Http.HttpMessageHandler" },
        { "public sealed class Relay : System.Net.Http.DelegatingHandler { }", UploadProblemCodes.NetworkAccess, "System.Net.Http.DelegatingHandler" },
        { "public static void Run(System.Net.Http.SocketsHttpHandler h) => h.ConnectCallback = null;", UploadProblemCodes.NetworkAccess, "System.Net.Http.SocketsHttpHandler" },

        // Threads and timers that outlive a version.
        { "public static void Run() => new Thread(() => { }).Start();", UploadProblemCodes.Threading, "creates System.Threading.Thread" },
        { "public static object Run() => new Timer(_ => { }, null, 0, 1000);", UploadProblemCodes.Threading, "creates System.Threading.Timer" },
        { "public static async Task Run() { var t = new PeriodicTimer(TimeSpan.FromSeconds(1)); while (await t.WaitForNextTickAsync()) { } }", UploadProblemCodes.Threading, "creates System.Threading.PeriodicTimer" },
        { "public static object Run() => new System.Timers.Timer(1000) { AutoReset = true };", UploadProblemCodes.Threading, "System.Timers.Timer" },
        { "public static object Run() => TimeProvider.System.CreateTimer(_ => { }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));", UploadProblemCodes.Threading, "calls System.TimeProvider.CreateTimer" },
        { "public static object Run(WaitHandle h) => ThreadPool.RegisterWaitForSingleObject(h, (_, _) => { }, null, 1000, false);", UploadProblemCodes.Threading, "calls System.Threading.ThreadPool.RegisterWaitForSingleObject" },
        { "public static Task Run() => Task.Factory.StartNew(() => { while (true) { } }, TaskCreationOptions.LongRunning);", UploadProblemCodes.Threading, "calls System.Threading.Tasks.TaskFactory.StartNew" },
        { "public static Task Run() => new Task(() => { }, TaskCreationOptions.LongRunning);", UploadProblemCodes.Threading, "creates System.Threading.Tasks.Task" },

        // Callbacks on runtime threads, where an exception ends the host process.
        { "public static void Run() { Action a = async () => { await Task.Yield(); throw new InvalidOperationException(); }; a(); }", UploadProblemCodes.Threading, "System.Runtime.CompilerServices.AsyncVoidMethodBuilder" },
        { "public static object Run() { var c = new CancellationTokenSource(TimeSpan.FromSeconds(1)); c.Token.Register(() => throw new InvalidOperationException()); return c; }", UploadProblemCodes.Threading, "creates System.Threading.CancellationTokenSource" },
        { "public static void Run(CancellationTokenSource c) => c.CancelAfter(1000);", UploadProblemCodes.Threading, "calls System.Threading.CancellationTokenSource.CancelAfter" },

        // Namespaces nobody put on the list.
        { "public static object Run() => new System.Xml.XmlDocument();", UploadProblemCodes.ApiNotAllowed, "namespace System.Xml is not on the allow-list" },
    };

    public static TheoryData<string, string, string> Unsafe { get; } = new()
    {
        { "public static int Run(int* p) => *p;", UploadProblemCodes.UnsafeCode, "(method Run) uses pointer types" },
        { "public static int Run(int[] a) { fixed (int* p = a) { return *p; } }", UploadProblemCodes.UnsafeCode, "(method Run) uses" },
        { "public static int Twice(int x) => x * 2; public static int Run() { delegate*<int, int> f = &Twice; return f(2); }", UploadProblemCodes.UnsafeCode, "uses the calli instruction" },
        { "public static void Run() { }", UploadProblemCodes.UnsafeCode, "compiled with unsafe code" },
    };
}
