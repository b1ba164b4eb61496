namespace Skein.Bench;

/// <summary>A fresh folder under <c>root</c>, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string root)
    {
        Path = System.IO.Path.Combine(root, "skein-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException error)
        {
            Console.Error.WriteLine($"# could not delete {Path}: {error.Message}");
        }
    }
}
