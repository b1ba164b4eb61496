using System.Reflection;

namespace Skein.Host.FunctionalTests;

/// <summary>The sample tenants' DLLs as built by the test build (see the project file).</summary>
internal static class SampleTenants
{
    public static byte[] Dll(string assemblyName)
    {
        var path = typeof(SampleTenants).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Skein.Sample:" + assemblyName).Value!;
        return File.ReadAllBytes(path);
    }
}
