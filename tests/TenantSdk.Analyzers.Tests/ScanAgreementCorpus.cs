namespace Skein.TenantSdk.Analyzers.Tests;

/// <summary>
/// Small tenant programs (members of a class <c>MyTenant.Evil</c> beside a valid workflow) using APIs from every part
/// of the policy, denied and allowed. Each compiles, is scanned by the host's validator and analyzed by SKEIN002.
/// </summary>
internal static class ScanAgreementCorpus
{
    public static TheoryData<string> Denied { get; } =
    [
        // Reflection that invokes or names types.
        "public static object? Run() => typeof(string).GetMethod(\"Trim\", Type.EmptyTypes)!.Invoke(\"x\", null);",
        "public static Type? Run() => Type.GetType(\"System.Diagnostics.Process\");",
        "public static object? Run() => Activator.CreateInstance(\"a\", \"b\");",
        "public static int P { get; set; } public static object? Run() => typeof(Evil).GetProperty(\"P\")!.GetValue(null);",
        "public static object Run() => System.Reflection.Assembly.Load(\"System.Diagnostics.Process\");",
        "public static object Run() => new System.Reflection.Emit.DynamicMethod(\"f\", typeof(int), Type.EmptyTypes);",
        // Files.
        "public static string Run() => System.IO.File.ReadAllText(\"/etc/passwd\");",
        "public static object Run() => new System.IO.FileStream(\"/tmp/x\", System.IO.FileMode.Create);",
        "public static object Run() => new System.IO.StreamReader(\"/etc/passwd\");",
        "public static string[] Run() => System.IO.Directory.GetFiles(\"/\");",
        "public static void Run() => new System.IO.FileInfo(\"/tmp/x\").Delete();",
        // Processes and the host process.
        "public static void Run() => System.Diagnostics.Process.Start(\"sh\");",
        "public static void Run() => Environment.Exit(3);",
        "public static string? Run() => Environment.GetEnvironmentVariable(\"DB_PASSWORD\");",
        "public static string Run() => AppDomain.CurrentDomain.BaseDirectory;",
        "public static void Run() => GC.Collect();",
        // Console.
        "public static string? Run() => Console.ReadLine();",
        "public static object Run() => Console.Out;",
        // Threads and timers.
        "public static void Run() => new Thread(() => { }).Start();",
        "public static object Run() => new Timer(_ => { }, null, 0, 1000);",
        "public static object Run() => new PeriodicTimer(TimeSpan.FromSeconds(1));",
        "public static object Run() => TimeProvider.System.CreateTimer(_ => { }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));",
        "public static object Run() => new CancellationTokenSource(TimeSpan.FromSeconds(1));",
        "public static Task Run() => Task.Factory.StartNew(() => { }, TaskCreationOptions.LongRunning);",
        "public static async void Fire() { await Task.Yield(); }",
        // Interop and unsafe memory.
        "public static IntPtr Run() => System.Runtime.InteropServices.Marshal.AllocHGlobal(16);",
        "public static IntPtr Run() => System.Runtime.InteropServices.NativeLibrary.Load(\"libc.so.6\");",
        "public static int Run(byte[] b) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(b)[0];",
        // Network and process-wide state.
        "public static object Run() => new System.Net.Http.HttpClient();",
        "public static object Run() => System.Net.Dns.GetHostAddresses(\"db.internal\");",
        "public static byte[] Run() => System.Buffers.ArrayPool<byte>.Shared.Rent(4096);",
        "public static void Run() => TaskScheduler.UnobservedTaskException += (_, e) => e.SetObserved();",
        // A namespace nobody put on the list, and a denied type named without a member.
        "public static object Run() => new System.Xml.XmlDocument();",
        "public static void Take(System.Diagnostics.Process p) { }",
    ];

    public static TheoryData<string> Allowed { get; } =
    [
        "public static int Run() => new List<int> { 1, 2 }.Where(i => i > 1).Sum();",
        "public static string Run() => new System.Text.StringBuilder().Append(1).ToString();",
        "public static void Run() => Console.WriteLine(Environment.NewLine + Environment.ProcessorCount);",
        "public static long Run() => System.Diagnostics.Stopwatch.StartNew().ElapsedTicks;",
        "public static async Task Run() { await Task.Delay(1); await Task.Run(() => 1); }",
        "public static object? Run() => Activator.CreateInstance(typeof(System.Text.StringBuilder));",
        "public static object? Run() => typeof(string).GetProperty(\"Length\");",
        "public static object Run() => new System.IO.StreamReader(new System.IO.MemoryStream());",
        "public static byte[] Run() => System.Security.Cryptography.SHA256.HashData(new byte[] { 1 });",
        "public static object Run() => System.Buffers.ArrayPool<byte>.Create();",
        "public static string Run() => System.Text.Json.JsonSerializer.Serialize(new[] { 1 });",
        "public static bool Run() => System.Text.RegularExpressions.Regex.IsMatch(\"a\", \"a\");",
        "public static async Task<int> Run(System.Net.Http.HttpClient http) => (await http.GetStringAsync(\"https://example.com\")).Length;",
        "public static void Run() => Thread.Sleep(1);",
    ];
}
