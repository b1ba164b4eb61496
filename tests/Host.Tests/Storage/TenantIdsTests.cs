using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>A tenant id can only name a folder under the data folder's <c>tenants</c> folder.</summary>
public sealed class TenantIdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("acme-42")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890bc")] // 63 characters
    public void Valid_ids(string id) => Assert.True(TenantIds.IsValid(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-acme")]
    [InlineData("Acme")]
    [InlineData("acme_1")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("acme\n")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901bc")] // 64 characters
    public void Invalid_ids(string? id) => Assert.False(TenantIds.IsValid(id));

    [Fact]
    public void A_valid_id_names_its_folder_under_tenants()
    {
        Assert.Equal(Path.Combine("/data", "tenants", "acme"), TenantIds.Folder("/data", "acme"));
    }

    [Fact]
    public void An_invalid_id_names_no_folder()
    {
        var error = Assert.Throws<ArgumentException>(() => TenantIds.Folder("/data", "../etc"));
        Assert.StartsWith("'../etc' is not a valid tenant id.", error.Message);
    }
}
