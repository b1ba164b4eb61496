using Skein.Host.Plugins;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Plugins;

/// <summary>
/// A version that does not load: a failure in the version's own code is the upload's (a <see cref="VersionLoadException"/>
/// naming the assembly), a file the host cannot read is the host's (thrown as it is), and neither leaves the version loaded.
/// </summary>
public sealed class LoadedVersionFailureTests : IDisposable
{
    private readonly VersionFolders _folders = new();

    [Fact]
    public void A_workflow_type_the_assembly_does_not_have_is_the_uploads_fault_and_names_the_assembly()
    {
        _folders.Write("acme", 1, [new DeployedWorkflow("greet", "Versioned.Missing")]);
        using var versions = _folders.Versions();

        var error = Assert.Throws<VersionLoadException>(() => versions.Get("acme", 1));

        Assert.StartsWith("Versioned.Tenant.dll: the assembly passed validation but does not load: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Versioned.Missing", error.Message, StringComparison.Ordinal);
        Assert.IsType<TypeLoadException>(error.InnerException);
        Assert.Equal(0, versions.Count);
    }

    [Fact]
    public void A_missing_entry_file_is_the_hosts_fault_and_is_not_blamed_on_the_upload()
    {
        _folders.Write("acme", 1, withEntryFile: false);
        using var versions = _folders.Versions();

        var error = Assert.ThrowsAny<Exception>(() => versions.Get("acme", 1));

        Assert.IsNotType<VersionLoadException>(error);
        Assert.Contains(VersionedTenant.Entry, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, versions.Count);
    }

    public void Dispose() => _folders.Dispose();
}
