namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>A test that needs Linux (LD_PRELOAD and /proc); skipped, and said so, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux: the power-loss shim is an LD_PRELOAD library that reads /proc/self/fd.";
        }
    }
}
