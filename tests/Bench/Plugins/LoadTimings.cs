using System.Diagnostics;
using System.Security.Cryptography;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Plugins.Validation;
using Skein.Host.Storage;

namespace Skein.Bench.Plugins;

/// <summary>
/// Times <see cref="LoadedVersions.Get"/> of deployments never loaded before: each one a fresh collectible load
/// context reading the DLL, resolving the workflow type and building its registration. The first is the first
/// plugin load of the process, so it carries the JIT of the loading path; the rest are warm.
/// </summary>
internal static class LoadTimings
{
    /// <returns>Milliseconds per load, in order: the first is the process's first load.</returns>
    public static double[] Measure(IReadOnlyList<byte[]> dlls, int loads, string dataRoot)
    {
        using var dir = new TempDirectory(dataRoot);
        var records = Stage(dlls, loads, dir.Path);
        using var versions = new LoadedVersions(new EngineOptions { DataDir = dir.Path }, (tenant, _) => records.GetValueOrDefault(tenant));
        var timings = new double[loads];
        for (var i = 0; i < loads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var loaded = versions.Get(TenantOf(i), 1) ?? throw new InvalidOperationException($"{TenantOf(i)} has no version 1.");
            _ = loaded.Find(TenantDll.Workflow) ?? throw new InvalidOperationException($"Version 1 of {TenantOf(i)} has no workflow.");
            timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return timings;
    }

    private static string TenantOf(int index) => $"load-{index:000}";

    /// <summary>
    /// Validates and stores each deployment the way an upload does, without loading it (an upload would load it
    /// once to prove it loads, and that would be the first load).
    /// </summary>
    private static Dictionary<string, DeploymentRecord> Stage(IReadOnlyList<byte[]> dlls, int loads, string dataDir)
    {
        var validator = new UploadValidator();
        var records = new Dictionary<string, DeploymentRecord>(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < loads; i++)
        {
            var dll = dlls[i % dlls.Count];
            var upload = validator.Validate(dll, UploadKind.Dll, UploadLimits.Default).Upload
                ?? throw new InvalidOperationException("The benchmark's tenant DLL does not pass validation.");
            var deployment = new ValidatedDeployment(upload.Files, upload.EntryAssemblyPath,
                [.. upload.Workflows.Select(w => new DeployedWorkflow(w.Name, w.TypeFullName))], Convert.ToHexStringLower(SHA256.HashData(dll)));
            DeploymentStore.Write(dataDir, TenantOf(i), 1, deployment, now);
            records[TenantOf(i)] = new DeploymentRecord(TenantOf(i), 1, deployment.Sha256, deployment.Entry, deployment.Workflows, now);
        }

        return records;
    }
}
