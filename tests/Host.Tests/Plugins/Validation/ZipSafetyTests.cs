using Skein.Host.Plugins.Validation;

using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

public sealed class ZipSafetyTests
{
    private static readonly byte[] Tenant = TestAssemblies.Compile("MyTenant", TestAssemblies.OrderWorkflow);

    [Theory]
    [InlineData("../evil.dll", "'..' segment")]
    [InlineData("publish/../../evil.dll", "'..' segment")]
    [InlineData("/abs.dll", "absolute path")]
    [InlineData("..\\evil.dll", "backslash")]
    [InlineData("C:/Windows/evil.dll", "drive letter")]
    [InlineData("publish//evil.dll", "empty path segment")]
    public void An_entry_that_escapes_the_folder_is_rejected(string name, string why)
    {
        var zip = TestZips.Create(("MyTenant.dll", Tenant), (name, Tenant));

        var problem = ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.ZipUnsafePath, name, why);
        Assert.Equal(name, problem.Api);
    }

    [Fact]
    public void A_zip_bomb_is_rejected_from_its_headers()
    {
        var zip = TestZips.Create(("MyTenant.dll", Tenant), ("bomb.dll", new byte[64 * 1024 * 1024]));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.ZipCompressionRatio,
            "bomb.dll", "zip bomb");
    }

    [Fact]
    public void An_entry_is_inflated_only_up_to_its_declared_size()
    {
        // The entry really holds the tenant followed by 4 MiB of zeros; its headers claim only the tenant's bytes.
        var honest = TestZips.Create(("MyTenant.dll", [.. Tenant, .. new byte[4 * 1024 * 1024]]));
        var lying = TestZips.WithDeclaredSize(honest, (uint)Tenant.Length);

        var result = ValidationAssert.Validate(lying, UploadKind.Zip);

        // Either the lie is noticed, or what is stored is exactly the declared bytes that were scanned.
        if (result.IsAccepted)
        {
            Assert.Equal(Tenant, result.Upload!.Files["MyTenant.dll"]);
        }
        else
        {
            ValidationAssert.Rejected(result, UploadProblemCodes.ZipEntrySizeMismatch, "MyTenant.dll");
        }
    }

    [Fact]
    public void Zeros_are_not_a_PE_file()
    {
        var zip = TestZips.Create(("MyTenant.dll", Tenant), ("zeros.dll", new byte[40_000]));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.NotPortableExecutable, "zeros.dll");
    }

    [Fact]
    public void A_corrupt_zip_is_rejected()
    {
        var zip = TestZips.Create(("MyTenant.dll", Tenant));
        var truncated = zip[..(zip.Length / 2)];

        ValidationAssert.Rejected(ValidationAssert.Validate(truncated, UploadKind.Zip, fileName: "tenant.zip"),
            UploadProblemCodes.ZipCorrupt, "tenant.zip", "not a readable zip");
    }

    [Fact]
    public void Too_many_entries_are_rejected_before_any_is_read()
    {
        var entries = Enumerable.Range(0, 6).Select(i => ($"f{i}.txt", new byte[1])).Prepend(("MyTenant.dll", Tenant)).ToArray();

        ValidationAssert.Rejected(ValidationAssert.Validate(TestZips.Create(entries), UploadKind.Zip, UploadLimits.Default with { MaxEntries = 5 }),
            UploadProblemCodes.ZipTooManyEntries, "7 entries", "at most 5");
    }

    [Fact]
    public void Files_that_inflate_past_the_total_cap_are_rejected()
    {
        var zip = TestZips.Create(("MyTenant.dll", Tenant), ("MyTenant.pdb", new byte[200_000]));

        ValidationAssert.Rejected(
            ValidationAssert.Validate(zip, UploadKind.Zip, UploadLimits.Default with { MaxExpandedBytes = Tenant.Length + 100_000 }),
            UploadProblemCodes.TooLarge, "inflate to more than");
    }

    [Fact]
    public void Entries_differing_only_in_case_are_rejected()
    {
        var zip = TestZips.Create(("MyTenant.dll", Tenant), ("mytenant.DLL", Tenant));

        ValidationAssert.Rejected(ValidationAssert.Validate(zip, UploadKind.Zip), UploadProblemCodes.ZipDuplicateEntry, "mytenant.DLL");
    }
}
