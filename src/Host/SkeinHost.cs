using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Skein.Host;

/// <summary>Builds a host node; the program and the functional tests start it the same way.</summary>
public static class SkeinHost
{
    /// <summary>Creates the web application with Skein's services and endpoints.</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--Skein:DataDir=/var/lib/skein --urls=http://127.0.0.1:5080</c>.</param>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddProgramFolderSettings(builder);
        builder.Services.AddSkeinHost(builder.Configuration);
        var app = builder.Build();
        app.MapSkeinHost();
        return app;
    }

    /// <summary>
    /// The content root is the working directory, so a published host started from another folder would not find the
    /// <c>appsettings.json</c> shipped beside its program. That file is read as the lowest-priority source: settings in
    /// the content root, the environment and the command line still override it.
    /// </summary>
    private static void AddProgramFolderSettings(WebApplicationBuilder builder)
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
