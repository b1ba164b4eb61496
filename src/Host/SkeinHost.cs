using Skein.Shared;

namespace Skein.Host;

/// <summary>Builds a host node; the program and the functional tests start it the same way.</summary>
public static class SkeinHost
{
    /// <summary>Creates the web application with Skein's services and endpoints.</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--Skein:DataDir=/var/lib/skein --urls=http://127.0.0.1:5080</c>.</param>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ProgramFolderSettings.Add(builder);
        builder.Services.AddSkeinHost(builder.Configuration);
        var app = builder.Build();
        app.MapSkeinHost();
        return app;
    }
}
