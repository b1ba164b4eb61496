using System.Reflection;
using Skein.Host.Api.Document;
using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>
/// <c>GET /sdk/Skein.TenantSdk.nupkg</c>: the SDK package this host was built with (DESIGN §10), packed from the
/// same build as the <c>Skein.TenantSdk.dll</c> it loads, so a tenant compiles against exactly the SDK it will run
/// on. Anonymous: the SDK is no secret, and a tenant needs it before it has a key to use.
/// </summary>
internal static class SdkPackageEndpoint
{
    /// <summary>Where the host's build puts the package, relative to the host's directory (see Host.csproj).</summary>
    public const string RelativePath = "sdk/Skein.TenantSdk.nupkg";

    public static void MapSdkPackageEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/sdk/Skein.TenantSdk.nupkg", () =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, RelativePath);
            if (!File.Exists(path))
            {
                throw new NotFoundException(
                    $"This host was built without the SDK package ({RelativePath} beside the host). Build or publish the host "
                    + "with `dotnet build`/`dotnet publish` (it packs the SDK), or run `dotnet pack src/TenantSdk` for the same package.");
            }

            return Results.File(path, "application/octet-stream", $"Skein.TenantSdk.{Version}.nupkg");
        }).RequireAccess(AccessPolicy.Anonymous).WithTags("SDK").WithName("getSdkPackage")
          .ProducesFile("application/octet-stream").Problems(StatusCodes.Status404NotFound).WithSummary("The tenant SDK package this host runs (no key).");

    /// <summary>The package version ($(SkeinVersion)), which the host carries as its informational version.</summary>
    private static string Version { get; } = typeof(SdkPackageEndpoint).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
