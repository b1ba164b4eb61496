using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skein.Host.Api;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.TenantSdk.Testing;

/// <summary>
/// Runs workflows in-process on Skein's real engine (the host's own code: its log, replay, retries, sleeps, events,
/// child workflows and continue-as-new), over a temporary log folder deleted on dispose, on a fake clock.
/// </summary>
/// <example><code>
/// await using var host = new WorkflowTestHost(new WorkflowTestHostOptions { SkipDelays = true }, typeof(OrderWorkflow));
/// host.FailStep("charge", times: 2);
/// var id = await host.StartAsync&lt;OrderWorkflow&gt;(new OrderParams("o-1", 10m));
/// var done = await host.WaitForStatusAsync(id, "complete");
/// </code></example>
public sealed partial class WorkflowTestHost : IAsyncDisposable, IDisposable
{
    /// <summary>The tenant the workflows run as.</summary>
    public const string Tenant = EngineNode.Tenant;

    private static readonly string[] Settled = ["complete", "errored", "terminated", "waiting", "paused"];

    private readonly WorkflowTestHostOptions _options;
    private readonly StepMocks _mocks = new();
    private readonly TestWorkflowResolver _resolver;
    private readonly ILoggerFactory _loggers;
    private readonly string _root;
    private readonly EngineNode _node;
    private readonly DelaySkipper? _skipper;
    private bool _disposed;

    /// <summary>A host running <paramref name="workflows"/> (types with <see cref="WorkflowAttribute"/>) with default options.</summary>
    /// <param name="workflows">The workflow types, including any child workflows they start.</param>
    public WorkflowTestHost(params Type[] workflows)
        : this(new WorkflowTestHostOptions(), workflows)
    {
    }

    /// <summary>A host running <paramref name="workflows"/> with <paramref name="options"/>.</summary>
    /// <param name="options">How the host runs.</param>
    /// <param name="workflows">The workflow types, including any child workflows they start.</param>
    public WorkflowTestHost(WorkflowTestHostOptions options, params Type[] workflows)
        : this(options, NullLoggerFactory.Instance, workflows)
    {
    }

    /// <summary>A host running <paramref name="workflows"/> with <paramref name="options"/>, logging to <paramref name="loggers"/>.</summary>
    /// <param name="options">How the host runs.</param>
    /// <param name="loggers">Where the engine and the workflow code log.</param>
    /// <param name="workflows">The workflow types, including any child workflows they start.</param>
    public WorkflowTestHost(WorkflowTestHostOptions options, ILoggerFactory loggers, params Type[] workflows)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workflows);
        _options = options;
        _loggers = loggers;
        Clock = new FakeTimeProvider(options.StartTime);
        _resolver = new TestWorkflowResolver(workflows, _mocks);
        _root = Path.Combine(Path.GetTempPath(), "skein-testhost", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(_root);
        _node = new EngineNode(Path.Combine(_root, "data"), _resolver, Clock, loggers);
        _skipper = options.SkipDelays ? new DelaySkipper(() => _node, Clock) : null;
    }

    /// <summary>The fake clock the engine runs on: it moves only when the test (or <see cref="WorkflowTestHostOptions.SkipDelays"/>) moves it.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The temporary data folder the engine's log is in (deleted on dispose).</summary>
    public string DataDir => Path.Combine(_root, "data");

    /// <summary>Makes every attempt of the step named <paramref name="name"/> return <paramref name="result"/> instead of running its body.</summary>
    /// <param name="name">The step's name (every occurrence).</param>
    /// <param name="result">The result: the step's type, or anything that serializes to JSON that reads as it.</param>
    /// <returns>This host.</returns>
    public WorkflowTestHost MockStep(string name, object? result)
    {
        _mocks.Return(name, result);
        return this;
    }

    /// <summary>
    /// Makes the first <paramref name="times"/> attempts of the step named <paramref name="name"/> throw a
    /// <see cref="StepMockException"/>; later attempts run the body (or its mock). The step's retry policy decides
    /// what follows, as in a host.
    /// </summary>
    /// <param name="name">The step's name (every occurrence).</param>
    /// <param name="times">How many attempts fail.</param>
    /// <returns>This host.</returns>
    public WorkflowTestHost FailStep(string name, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        _mocks.Fail(name, times);
        return this;
    }

    /// <summary>Starts an instance of <typeparamref name="TWorkflow"/> (or returns the existing one with the same id).</summary>
    /// <typeparam name="TWorkflow">One of the host's workflow types.</typeparam>
    /// <param name="params">Its params: serialized to JSON as a host would receive them.</param>
    /// <param name="id">The instance id; generated when null.</param>
    /// <returns>The instance id.</returns>
    public Task<string> StartAsync<TWorkflow>(object? @params, string? id = null) =>
        StartAsync(WorkflowName(typeof(TWorkflow)), @params, id);

    /// <summary>Starts an instance of the workflow named <paramref name="workflow"/>.</summary>
    /// <param name="workflow">The workflow's name (its <see cref="WorkflowAttribute"/>).</param>
    /// <param name="params">Its params.</param>
    /// <param name="id">The instance id; generated when null.</param>
    /// <returns>The instance id.</returns>
    public async Task<string> StartAsync(string workflow, object? @params, string? id = null)
    {
        var json = @params is null ? null : JsonSerializer.Serialize(@params, JsonSerializerOptions.Web);
        var created = await _node.Engine.CreateAsync(Tenant, workflow, id, json);
        return created.Id;
    }

    /// <summary>Sends an event to an instance, as <c>POST …/instances/{id}/events/{type}</c> does.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="type">The event type.</param>
    /// <param name="payload">The payload, serialized to JSON.</param>
    /// <returns>When the event is logged.</returns>
    public async Task SendEventAsync(string id, string type, object? payload = null)
    {
        await _node.Engine.SendEventAsync(Tenant, id, type, JsonSerializer.Serialize(payload, JsonSerializerOptions.Web));
        await WaitUntilIdleAsync();
    }

    /// <summary>The instance as the host's API describes it.</summary>
    /// <param name="id">The instance id.</param>
    /// <returns>Its description.</returns>
    /// <exception cref="KeyNotFoundException">No such instance.</exception>
    public Task<InstanceDescription> DescribeAsync(string id) => Task.FromResult(Describe(_node, id));

    /// <summary>
    /// Waits until the instance's status is one of <paramref name="statuses"/> (complete, errored, waiting…), then
    /// until the engine is idle, and describes it. Fails after <see cref="WorkflowTestHostOptions.Timeout"/> (real time).
    /// </summary>
    /// <param name="id">The instance id.</param>
    /// <param name="statuses">The statuses to wait for.</param>
    /// <returns>The instance's description.</returns>
    public async Task<InstanceDescription> WaitForStatusAsync(string id, params string[] statuses)
    {
        using var deadline = new CancellationTokenSource(_options.Timeout);
        try
        {
            await _node.Engine.WaitForStatusAsync(Tenant, id, s => s is { } status && statuses.Contains(status.Name), deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Instance {id} did not become {string.Join(" or ", statuses)} within {_options.Timeout}; " +
                $"it is {Describe(_node, id).Status}.");
        }

        await WaitUntilIdleAsync();
        return Describe(_node, id);
    }

    /// <summary>
    /// Waits until the instance's description satisfies <paramref name="until"/> and the engine is idle, e.g. until a
    /// wait for an event has started (<c>waiting</c> alone may still be a sleep before it).
    /// </summary>
    /// <param name="id">The instance id.</param>
    /// <param name="until">The condition on its description.</param>
    /// <returns>The description that satisfied it.</returns>
    public async Task<InstanceDescription> WaitForAsync(string id, Func<InstanceDescription, bool> until)
    {
        ArgumentNullException.ThrowIfNull(until);
        InstanceDescription? last = null;
        await WaitUntilAsync(() => _node.IsIdle && until(last = Describe(_node, id)), $"instance {id} to reach the condition");
        return last!;
    }

    /// <summary>Moves the fake clock forward, then waits until the wake-ups due by then have run.</summary>
    /// <param name="by">How far.</param>
    /// <returns>When the engine is idle again.</returns>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await WaitUntilIdleAsync();
    }

    /// <summary>Waits until the engine has no work in flight (every wake-up due by the clock has run).</summary>
    /// <returns>When it is idle.</returns>
    public Task WaitUntilIdleAsync() => WaitUntilAsync(() => _node.IsIdle, "the engine to be idle");

    /// <summary>
    /// Replays an exported history (<c>GET …/instances/{id}/history</c>, format <c>skein.history</c> version 1) against
    /// the workflow code of this host, on the real engine, in a log of its own: every logged step returns its logged
    /// result, as in a host after a restart. Throws <see cref="NonDeterminismException"/> where the code asks for
    /// something other than the log holds, or (for an ended instance) asks for more or ends otherwise.
    /// </summary>
    /// <param name="history">The export's JSON.</param>
    /// <returns>The replayed instance's description.</returns>
    /// <exception cref="NonDeterminismException">The code diverges from the history; its position says where.</exception>
    public async Task<InstanceDescription> ReplayAsync(string history)
    {
        using var document = JsonDocument.Parse(history);
        return await ReplayAsync(document);
    }

    /// <inheritdoc cref="ReplayAsync(string)"/>
    public async Task<InstanceDescription> ReplayAsync(Stream history)
    {
        using var document = await JsonDocument.ParseAsync(history);
        return await ReplayAsync(document);
    }

    private async Task<InstanceDescription> ReplayAsync(JsonDocument document)
    {
        var import = HistoryImport.Parse(document);
        if (!_resolver.ActiveWorkflows(Tenant).Any(w => w.Name == import.Workflow))
        {
            throw new ArgumentException($"The history is of workflow \"{import.Workflow}\", which this host was not created with.", nameof(document));
        }

        // Its own folder and clock (starting where the history ends), so the replay meets nothing of this host's.
        var folder = Path.Combine(_root, "replay-" + Guid.NewGuid().ToString("n"));
        var clock = new FakeTimeProvider(import.Latest > Clock.GetUtcNow() ? import.Latest : Clock.GetUtcNow());
        using (var writer = new EngineNode(folder, _resolver, clock, _loggers))
        {
            await writer.Log.RawWriteAsync(tx =>
            {
                import.Write(tx, clock.GetUtcNow().ToUnixTimeMilliseconds());
                return true;
            });
        }

        // A node starting over a log with a running instance replays it: the engine's own recovery.
        using var node = new EngineNode(folder, _resolver, clock, _loggers);
        await WaitUntilAsync(() => node.IsIdle && Settled.Contains(Describe(node, import.Id).Status), "the replay to settle");
        var replayed = Describe(node, import.Id);
        if (replayed.Error is { Name: nameof(NonDeterminismException) } error)
        {
            throw Parse(error.Message);
        }

        var logged = import.Steps.Count;
        if (import.Finished && replayed.Steps.Count > logged)
        {
            var extra = replayed.Steps[logged];
            throw new NonDeterminismException(logged, $"the end of the workflow ({import.Status})",
                $"{extra.Type} \"{extra.Name}\" #{extra.Count}");
        }

        if (import.Finished && replayed.Status != import.Status)
        {
            throw new NonDeterminismException(logged, $"the end of the workflow ({import.Status})",
                $"an end as {replayed.Status}" + (replayed.Error is { } e ? $" ({e.Name}: {e.Message})" : ""));
        }

        return replayed;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_skipper is not null)
        {
            await _skipper.DisposeAsync();
        }

        Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _node.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file a background thread still holds: the temp folder is the OS's to clean.
        }
    }

    private string WorkflowName(Type type)
    {
        var name = (Attribute.GetCustomAttribute(type, typeof(WorkflowAttribute)) as WorkflowAttribute)?.Name
            ?? throw new ArgumentException($"{type.FullName} has no [Workflow] attribute.", nameof(type));
        return _resolver.ResolveActive(Tenant, name) is not null
            ? name
            : throw new ArgumentException($"{type.FullName} is not one of the workflows this host was created with.", nameof(type));
    }

    private static InstanceDescription Describe(EngineNode node, string id)
    {
        var history = node.Engine.Describe(node.Runtime, id) ?? throw new KeyNotFoundException($"Instance '{id}' does not exist.");
        // Through the API's own describe and JSON, so the shape is the one a host answers with.
        var json = JsonSerializer.Serialize(InstanceDescriber.Describe(history), JsonSerializerOptions.Web);
        return JsonSerializer.Deserialize<InstanceDescription>(json, JsonSerializerOptions.Web)!;
    }

    private static NonDeterminismException Parse(string message) => EngineMessage().Match(message) is { Success: true } m
        ? new NonDeterminismException(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value)
        : new NonDeterminismException(message);

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + _options.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {_options.Timeout} waiting for {what}.");
            }

            // Real time: a poll for engine work to drain, not a stand-in for a duration.
            await Task.Delay(5);
        }
    }

    [GeneratedRegex(@"^Non-determinism at log position (\d+): the log holds (.+), but the workflow asked for (.+?)\. Code outside")]
    private static partial Regex EngineMessage();
}
