using Skein.Host.Plugins;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Plugins;

/// <summary>A failure to load a stored version is blamed on the upload only when the upload caused it.</summary>
public sealed class LoadFailureCauseTests
{
    public static TheoryData<Exception, bool, bool> Cases() => new()
    {
        { new BadImageFormatException("bad image"), false, true },
        { new FileNotFoundException("missing", "OpsDepLib, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null"), true, true },
        { new FileLoadException("version mismatch", "OpsDepLib, Version=2.0.0.0, Culture=neutral, PublicKeyToken=null"), true, true },
        { new FileNotFoundException("gone", "/data/tenants/t/deployments/1/OpsDep.dll"), false, false },
        { new FileLoadException("permission denied", "/data/tenants/t/deployments/1/OpsDep.dll"), true, false },
        { new IOException("No space left on device"), true, false },
        { new UnauthorizedAccessException("denied"), true, false },
        { new ArgumentException("Value must be an absolute file path"), false, false },
        { new TypeLoadException("a type of the upload does not load"), true, true },
        { new System.Reflection.TargetInvocationException(new InvalidOperationException("ctor threw")), true, true },
        { new OutOfMemoryException(), true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_failures_the_upload_caused_are_the_uploads(Exception error, bool ranTenantCode, bool expected) =>
        Assert.Equal(expected, LoadFailureCause.IsTheUploads(error, ranTenantCode));

    [Fact]
    public void A_relative_data_folder_is_the_hosts_fault_not_a_version_load_failure()
    {
        var record = new DeploymentRecord("t", 1, "00", "OpsDep.dll", [new DeployedWorkflow("greet", "OpsDep.GreetWorkflow")], 0);

        var error = Assert.ThrowsAny<Exception>(() => LoadedVersion.Load(Path.Combine("data", "tenants", "t", "deployments", "1"), record));

        Assert.IsNotType<VersionLoadException>(error);
    }
}
