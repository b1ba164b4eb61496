using System.Diagnostics;

namespace Skein.Host.Telemetry;

/// <summary>
/// The span of one run of an instance's code (a <c>skein.run</c>, from the code starting or carrying on after a
/// park until it ends, parks or is dropped) and the spans of its step attempts. Owned by one execution and used on its
/// scheduler only. With no listener on the <c>Skein</c> source nothing is started and every call is a null check.
/// </summary>
internal sealed class RunTrace
{
    public const string RunSpan = "skein.run";
    public const string AttemptSpan = "skein.step";

    private readonly string _tenant;
    private readonly string _instanceId;
    private readonly string _workflow;
    private readonly object _version;
    private readonly object _generation;
    private readonly string? _traceParent;
    private Activity? _run;

    // Each attempt's span name and boxed numbers would otherwise be allocated per attempt; a loop of steps
    // mostly repeats one name, and counts and attempts are small.
    private string? _lastStep;
    private string? _lastDisplayName;

    public RunTrace(string tenant, string instanceId, string workflow, int version, int generation, string? traceParent)
    {
        _tenant = tenant;
        _instanceId = instanceId;
        _workflow = workflow;
        _version = SmallNumbers.Boxed(version);
        _generation = SmallNumbers.Boxed(generation);
        _traceParent = traceParent;
    }

    /// <summary>The run's span while one is open (null when tracing is off).</summary>
    public Activity? Current => _run;

    /// <summary>Opens the run's span, child of the span the instance was created under; a no-op when one is open.</summary>
    public void Start()
    {
        if (_run is not null || !SkeinTelemetry.Source.HasListeners())
        {
            return;
        }

        _ = ActivityContext.TryParse(_traceParent, null, isRemote: true, out var parent);
        var previous = Activity.Current;
        _run = SkeinTelemetry.Source.StartActivity(RunSpan, ActivityKind.Internal, parent);
        // Started for the run, not for whoever called: the caller's own context carries on unchanged.
        Activity.Current = previous;
        if (_run is { IsAllDataRequested: true })
        {
            _run.DisplayName = $"run {_workflow}";
            _run.SetTag(SkeinAttributes.Tenant, _tenant);
            _run.SetTag(SkeinAttributes.InstanceId, _instanceId);
            _run.SetTag(SkeinAttributes.Workflow, _workflow);
            _run.SetTag(SkeinAttributes.Version, _version);
            _run.SetTag(SkeinAttributes.Generation, _generation);
        }
    }

    /// <summary>Closes the run's span saying how the run ended (complete, errored, waiting…).</summary>
    public void Stop(string end)
    {
        if (_run is not { } run)
        {
            return;
        }

        _run = null;
        run.SetTag(SkeinAttributes.RunEnd, end);
        run.Stop();
    }

    /// <summary>Marks the run failed: status Error and the exception as an event.</summary>
    public void Fail(Exception error, string message)
    {
        if (_run is not { } run)
        {
            return;
        }

        run.SetStatus(ActivityStatusCode.Error, message);
        run.AddException(error);
    }

    /// <summary>A span event on the run (a sleep, a wait, a wake-up, an event delivered).</summary>
    public void Event(string name, string? step, string? detailKey = null, object? detail = null)
    {
        if (_run is not { IsAllDataRequested: true } run)
        {
            return;
        }

        var tags = new ActivityTagsCollection();
        if (step is not null)
        {
            tags[SkeinAttributes.Step] = step;
        }

        if (detailKey is not null)
        {
            tags[detailKey] = detail;
        }

        run.AddEvent(new ActivityEvent(name, tags: tags));
    }

    /// <summary>
    /// Opens the span of a step attempt under the run, and makes it current so the calls the step makes (HttpClient)
    /// nest under it. Null when the run has no span.
    /// </summary>
    public Activity? StartAttempt(string step, int count, int attempt)
    {
        if (_run is not { } run)
        {
            return null;
        }

        var span = SkeinTelemetry.Source.StartActivity(AttemptSpan, ActivityKind.Internal, run.Context);
        if (span is { IsAllDataRequested: true })
        {
            if (!string.Equals(step, _lastStep, StringComparison.Ordinal))
            {
                _lastStep = step;
                _lastDisplayName = $"step {step}";
            }

            span.DisplayName = _lastDisplayName!;
            span.SetTag(SkeinAttributes.Tenant, _tenant);
            span.SetTag(SkeinAttributes.InstanceId, _instanceId);
            span.SetTag(SkeinAttributes.Workflow, _workflow);
            span.SetTag(SkeinAttributes.Version, _version);
            span.SetTag(SkeinAttributes.Step, step);
            span.SetTag(SkeinAttributes.StepCount, SmallNumbers.Boxed(count));
            span.SetTag(SkeinAttributes.Attempt, SmallNumbers.Boxed(attempt));
        }

        return span;
    }

    /// <summary>Closes an attempt's span with its outcome; a failed attempt's status is Error with its exception.</summary>
    public static void StopAttempt(Activity? span, string outcome, Exception? error, string? message)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(SkeinAttributes.Outcome, outcome);
        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, message);
            span.AddException(error);
        }

        span.Stop();
    }

    /// <summary>The traceparent for a child instance: under this run's span when it has one, else in the parent's trace.</summary>
    public string? ChildTraceParent(string? parentTraceParent) =>
        _run?.Id ?? parentTraceParent ?? InstanceTracing.NewTraceParent();
}
