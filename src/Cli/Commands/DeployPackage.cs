using System.Diagnostics;
using System.IO.Compression;
using Spectre.Console;

namespace Skein.Cli.Commands;

/// <summary>
/// What <c>skein deploy PATH</c> uploads: a .dll as it is, a publish folder zipped, or a .csproj built with
/// <c>dotnet publish -c Release</c> into a temporary folder and zipped.
/// </summary>
internal sealed record DeployPackage(byte[] Content, string MediaType, string FileName)
{
    public static async Task<DeployPackage> FromAsync(string path, IAnsiConsole console, bool quiet, Func<string, string?> variable, CancellationToken cancel)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return Zip(full, System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar)) + ".zip");
        }

        if (!File.Exists(full))
        {
            throw new UsageException($"'{path}' does not exist: give a .dll, a publish folder or a .csproj.");
        }

        return System.IO.Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".dll" => new DeployPackage(await File.ReadAllBytesAsync(full, cancel), "application/octet-stream", System.IO.Path.GetFileName(full)),
            ".csproj" => await PublishAsync(full, console, quiet, variable, cancel),
            _ => throw new UsageException($"'{path}' is not a .dll, a publish folder or a .csproj."),
        };
    }

    private static DeployPackage Zip(string folder, string name)
    {
        if (!Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories).Any())
        {
            throw new UsageException($"'{folder}' holds no .dll: give the folder 'dotnet publish' wrote, a .dll or a .csproj.");
        }

        using var zip = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        return new DeployPackage(zip.ToArray(), "application/zip", name);
    }

    private static async Task<DeployPackage> PublishAsync(string project, IAnsiConsole console, bool quiet, Func<string, string?> variable, CancellationToken cancel)
    {
        var output = Directory.CreateTempSubdirectory("skein-publish-");
        try
        {
            var publish = new ProcessStartInfo(Dotnet(variable))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", output.FullName, "--nologo" })
            {
                publish.ArgumentList.Add(argument);
            }

            var name = System.IO.Path.GetFileNameWithoutExtension(project);
            var (code, lines) = quiet
                ? await RunAsync(publish, cancel)
                : await console.Status().StartAsync($"Building {name} (dotnet publish -c Release)…", _ => RunAsync(publish, cancel));
            if (code != 0)
            {
                throw new CliFailure($"dotnet publish of {project} failed with exit code {code}.",
                    [.. lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().DefaultIfEmpty(string.Join('\n', lines.TakeLast(20)))]);
            }

            return Zip(output.FullName, name + ".zip");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, List<string> Lines)> RunAsync(ProcessStartInfo start, CancellationToken cancel)
    {
        var lines = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Add(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CliFailure($"Cannot run '{start.FileName}' to build the project ({e.Message}): install the .NET SDK, or deploy a .dll or a publish folder.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancel);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (lines)
        {
            return (process.ExitCode, [.. lines]);
        }
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    /// <summary>The dotnet that runs this tool when known (DOTNET_HOST_PATH, set by the SDK), else the one on PATH.</summary>
    private static string Dotnet(Func<string, string?> variable) =>
        variable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
