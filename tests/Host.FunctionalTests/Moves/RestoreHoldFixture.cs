using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Moves;

/// <summary>A host whose restores wait at their commit point while <see cref="HoldFile"/> exists.</summary>
public sealed class RestoreHoldFixture : HostFixture
{
    public string HoldFile => Path.Combine(DataDir, "hold-restores");

    protected override IEnumerable<string> ExtraArguments => [$"--Skein:Testing:RestoreHoldFile={HoldFile}"];
}
