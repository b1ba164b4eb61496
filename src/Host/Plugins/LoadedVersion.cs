using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using McMaster.NETCore.Plugins;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Plugins;

/// <summary>
/// One deployment version loaded into its own collectible load context, with the SDK shared with the host so
/// that tenant workflows are the host's <see cref="Workflow{TParams, TResult}"/>.
/// </summary>
internal sealed class LoadedVersion : IDisposable
{
    private readonly PluginLoader _loader;
    private Dictionary<string, WorkflowRegistration> _workflows;

    private LoadedVersion(PluginLoader loader, Dictionary<string, WorkflowRegistration> workflows, WeakReference context)
    {
        _loader = loader;
        _workflows = workflows;
        Context = context;
    }

    /// <summary>The load context, weakly: after <see cref="Dispose"/> it must be collected.</summary>
    public WeakReference Context { get; }

    public long LastUsed { get; private set; } = Environment.TickCount64;

    public IEnumerable<WorkflowRegistration> Workflows => _workflows.Values;

    /// <summary>Loads the version in <paramref name="folder"/>.</summary>
    /// <exception cref="VersionLoadException">The version's own code does not load; any other exception is the host's.</exception>
    public static LoadedVersion Load(string folder, DeploymentRecord deployment)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(
            Path.Combine(folder, deployment.Entry),
            // The SDK, and the logging abstractions its loggers are typed with: a plugin's own copy of either would be
            // other types than the host's (McMaster shares each assembly's references too; named here so a change of
            // the SDK's references cannot silently unshare ILogger).
            sharedTypes: [typeof(WorkflowStep), typeof(Microsoft.Extensions.Logging.ILogger)],
            config =>
            {
                config.IsUnloadable = true;
                // Loaded from bytes: the version's files stay unlocked and the context owns no file handles.
                config.LoadInMemory = true;
            });
        var ranTenantCode = false;
        try
        {
            var assembly = loader.LoadDefaultAssembly();
            ranTenantCode = true;
            // One serializer options object per version: its metadata cache holds this version's types and goes
            // with it when the version is unloaded.
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            var workflows = deployment.Workflows.ToDictionary(
                w => w.Name,
                w => new WorkflowRegistration(assembly.GetType(w.Type, throwOnError: true)!, deployment.Version, json),
                StringComparer.Ordinal);
            return new LoadedVersion(loader, workflows, new WeakReference(AssemblyLoadContext.GetLoadContext(assembly)));
        }
        catch (Exception error) when (LoadFailureCause.IsTheUploads(error, ranTenantCode))
        {
            loader.Dispose();
            throw new VersionLoadException($"{deployment.Entry}: the assembly passed validation but does not load: {error.GetBaseException().Message}", error);
        }
        catch
        {
            loader.Dispose();
            throw;
        }
    }

    public WorkflowRegistration? Find(string workflow)
    {
        LastUsed = Environment.TickCount64;
        return _workflows.GetValueOrDefault(workflow);
    }

    public void Dispose()
    {
        _workflows = [];
        _loader.Dispose();
        ClearSerializerCaches();
    }

    /// <summary>
    /// System.Text.Json keeps reflection metadata of every type it has seen in caches shared across options
    /// objects; they would keep an unloaded version alive. The runtime clears them for hot reload through this
    /// handler, and so do we.
    /// </summary>
    private static void ClearSerializerCaches() =>
        typeof(JsonSerializer).Assembly
            .GetType("System.Text.Json.JsonSerializerOptionsUpdateHandler")?
            .GetMethod("ClearCache", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?
            .Invoke(null, [null]);
}
