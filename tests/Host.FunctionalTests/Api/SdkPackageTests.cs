using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>GET /sdk/Skein.TenantSdk.nupkg serves the package of the very SDK the host loads (DESIGN §10).</summary>
public sealed class SdkPackageTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_host_serves_the_sdk_package_it_runs_without_a_key()
    {
        using var anonymous = host.Client(key: null);

        using var response = await anonymous.GetAsync("/sdk/Skein.TenantSdk.nupkg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        var version = typeof(Skein.TenantSdk.Workflow<,>).Assembly.GetName().Version;
        Assert.Equal(new Version(1, 0, 0, 0), version);
        Assert.Equal("Skein.TenantSdk.1.0.0.nupkg", response.Content.Headers.ContentDisposition?.FileNameStar);

        using var package = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var nuspec = XDocument.Load(package.GetEntry("Skein.TenantSdk.nuspec")!.Open());
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal("Skein.TenantSdk", metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.Equal("1.0.0", metadata.Elements().Single(e => e.Name.LocalName == "version").Value);
        Assert.Equal("README.md", metadata.Elements().Single(e => e.Name.LocalName == "readme").Value);

        var loaded = await File.ReadAllBytesAsync(typeof(Skein.TenantSdk.Workflow<,>).Assembly.Location);
        Assert.Equal(loaded, await ReadAsync(package, "lib/net10.0/Skein.TenantSdk.dll"));
        Assert.NotNull(package.GetEntry("analyzers/dotnet/cs/Skein.TenantSdk.Analyzers.dll"));
        Assert.NotNull(package.GetEntry("analyzers/dotnet/cs/Skein.TenantSdk.CodeFixes.dll"));
        Assert.NotNull(package.GetEntry("README.md"));
    }

    private static async Task<byte[]> ReadAsync(ZipArchive package, string entry)
    {
        await using var stream = package.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
