using Skein.Shared;

namespace Skein.Router;

/// <summary>Builds the router; the program and the tests start it the same way.</summary>
public static class SkeinRouter
{
    /// <summary>Creates the web application with the router's services and endpoints.</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--Router:Nodes:0:Id=a --Router:Nodes:0:Url=http://10.0.0.1:5080</c>.</param>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ProgramFolderSettings.Add(builder);
        builder.Services.AddSkeinRouter(builder.Configuration);
        var app = builder.Build();
        app.MapSkeinRouter();
        return app;
    }
}
