using System.Reflection;
using System.Text.Json;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>A workflow type the engine can run: one per (tenant, deployment version, workflow name).</summary>
internal sealed class WorkflowRegistration
{
    private readonly Type _type;

    public WorkflowRegistration(Type type, int version, JsonSerializerOptions json)
    {
        var attribute = (WorkflowAttribute?)Attribute.GetCustomAttribute(type, typeof(WorkflowAttribute))
            ?? throw new ArgumentException($"{type.FullName} has no [Workflow] attribute.", nameof(type));
        if (!typeof(IWorkflowEntryPoint).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException($"{type.FullName} must be a concrete Workflow<TParams, TResult> with a public parameterless constructor.", nameof(type));
        }

        _type = type;
        Name = attribute.Name;
        MaxConcurrency = attribute.MaxConcurrency;
        Version = version;
        Json = json;
        Triggers = [.. Attribute.GetCustomAttributes(type, typeof(HttpTriggerAttribute)).Cast<HttpTriggerAttribute>()];
        Schedule = (ScheduleAttribute?)Attribute.GetCustomAttribute(type, typeof(ScheduleAttribute));
        if (Schedule is not null && !CronSchedule.TryParse(Schedule.Cron, Schedule.TimeZone, out _, out _, out var problem))
        {
            throw new ArgumentException($"{type.FullName} has a [Schedule] the host cannot run: {problem}", nameof(type));
        }

        if (Schedule?.Params is { } scheduleParams)
        {
            try
            {
                JsonSerializer.Deserialize(scheduleParams, ParamsTypeOf(type), json);
            }
            catch (JsonException error)
            {
                throw new ArgumentException($"{type.FullName} has [Schedule] params that are not valid for its params type: {error.Message}", nameof(type));
            }
        }

        var sample = Create();
        ParamsType = sample.ParamsType;
        ResultType = sample.ResultType;
        ParamsRequired = IsRequired(type, ParamsType);
    }

    public string Name { get; }

    /// <summary>The assembly the workflow was loaded from: which stack frames are the tenant's own code.</summary>
    public Assembly Assembly => _type.Assembly;

    public int Version { get; }

    /// <summary>Instances of this workflow that may run at once; 0 for no limit beyond the tenant's.</summary>
    public int MaxConcurrency { get; }

    /// <summary>The HTTP triggers declared on the workflow.</summary>
    public IReadOnlyList<HttpTriggerAttribute> Triggers { get; }

    /// <summary>The cron schedule declared on the workflow, if any (registered while its version is active).</summary>
    public ScheduleAttribute? Schedule { get; }

    public Type ParamsType { get; }

    public Type ResultType { get; }

    /// <summary>
    /// Whether the workflow cannot take null params: a value type, or a reference type not annotated nullable
    /// (<c>Workflow&lt;Order, …&gt;</c>, not <c>Workflow&lt;Order?, …&gt;</c>). Code built without nullable
    /// annotations says nothing, and is taken at its word that null is fine.
    /// </summary>
    public bool ParamsRequired { get; }

    /// <summary>The serializer options for this workflow's params, results and events.</summary>
    public JsonSerializerOptions Json { get; }

    private static bool IsRequired(Type workflow, Type paramsType)
    {
        if (paramsType.IsValueType)
        {
            return Nullable.GetUnderlyingType(paramsType) is null && paramsType != typeof(JsonElement);
        }

        // The override of RunAsync(WorkflowEvent<TParams>, …) carries the annotation the tenant wrote on TParams.
        var run = workflow.GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m => m.Name == "RunAsync"
            && !m.IsAbstract && m.GetParameters() is [{ ParameterType: var first }, ..]
            && first.IsGenericType && first.GetGenericTypeDefinition() == typeof(WorkflowEvent<>));
        if (run is null)
        {
            return false;
        }

        var info = new NullabilityInfoContext().Create(run.GetParameters()[0]);
        return info.GenericTypeArguments is [{ ReadState: NullabilityState.NotNull }];
    }

    private static Type ParamsTypeOf(Type type) => ((IWorkflowEntryPoint)Activator.CreateInstance(type)!).ParamsType;

    /// <summary>
    /// Wraps every workflow object the engine runs: the test kit (Skein.TenantSdk.Testing) substitutes mocked step
    /// bodies this way while everything durable stays the engine's own. Null in a host.
    /// </summary>
    public Func<IWorkflowEntryPoint, IWorkflowEntryPoint>? Decorate { get; init; }

    public IWorkflowEntryPoint Create()
    {
        var entry = (IWorkflowEntryPoint)Activator.CreateInstance(_type)!;
        return Decorate is null ? entry : Decorate(entry);
    }
}
