using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Skein.Shared;

/// <summary>
/// The content root is the working directory, so a published host or router started from another folder would not
/// find the <c>appsettings.json</c> shipped beside its program. That file is read as the lowest-priority source:
/// settings in the content root, the environment and the command line still override it. Compiled into both the host
/// and the router (linked source, no shared assembly to deploy).
/// </summary>
internal static class ProgramFolderSettings
{
    public static void Add(WebApplicationBuilder builder)
    {
        var programFolder = Path.GetFullPath(AppContext.BaseDirectory);
        if (Path.GetFullPath(builder.Environment.ContentRootPath).TrimEnd('/') == programFolder.TrimEnd('/'))
        {
            return;
        }

        var files = new PhysicalFileProvider(programFolder);
        foreach (var name in new[] { $"appsettings.{builder.Environment.EnvironmentName}.json", "appsettings.json" })
        {
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                FileProvider = files, Path = name, Optional = true, ReloadOnChange = false,
            });
        }
    }
}
