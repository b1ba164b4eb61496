using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Skein.Router;

/// <summary>Builds the router; the program and the tests start it the same way.</summary>
public static class SkeinRouter
{
    /// <summary>Creates the web application with the router's services and endpoints.</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--Router:Nodes:0:Id=a --Router:Nodes:0:Url=http://10.0.0.1:5080</c>.</param>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddProgramFolderSettings(builder);
        builder.Services.AddSkeinRouter(builder.Configuration);
        var app = builder.Build();
        app.MapSkeinRouter();
        return app;
    }

    /// <summary>
    /// As the host does: a router started from another folder still reads the <c>appsettings.json</c> shipped beside
    /// its program, as the lowest-priority source (the content root's file, the environment and the command line
    /// override it).
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
