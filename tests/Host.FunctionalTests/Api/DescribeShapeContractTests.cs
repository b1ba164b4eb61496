using System.Text.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// The describe shape of DESIGN §3, field by field (names, JSON types, values), on one instance that has a completed
/// step with a retried attempt, a sleep, a waited event and an error. Fields DESIGN does not name are listed below as
/// allowed, each with where it comes from; any other field fails the test, so the shape cannot grow unnoticed.
/// </summary>
public sealed class DescribeShapeContractTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string[] InstanceFields =
        ["id", "workflow", "version", "status", "params", "output", "error", "createdAt", "startedAt", "endedAt", "steps"];

    /// <summary>Not in DESIGN §3's example but allowed: §9's continue-as-new (<c>run</c>, <c>runs</c>) and child workflows (<c>parent</c>).</summary>
    private static readonly string[] InstanceExtras = ["run", "runs", "parent", "traceId"];

    private static readonly string[] StepFields = ["type", "name", "count", "status", "output", "attempts"];

    /// <summary>When the step started and ended, its own error (the last attempt's) and its rollback outcome (sagas).</summary>
    private static readonly string[] StepExtras = ["start", "end", "error", "rollback"];

    private static readonly string[] SleepFields = ["type", "name", "start", "end", "finished"];

    /// <summary>Every log entry carries its occurrence count; a sleep's output is always null.</summary>
    private static readonly string[] SleepExtras = ["count", "output"];

    private static readonly string[] WaitFields = ["type", "name", "start", "end", "finished", "output"];

    /// <summary>The occurrence count, and the error of a wait that timed out.</summary>
    private static readonly string[] WaitExtras = ["count", "error"];

    private static readonly string[] AttemptFields = ["attempt", "start", "end", "success", "error"];

    [Fact]
    public async Task Describe_has_every_field_DESIGN_names_with_its_JSON_type_and_value_and_no_unlisted_field()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "shape");
        await ApiClient.DeployAsync(client, tenant, Build());
        await ApiClient.CreateAsync(client, tenant, "order", new { sku = "a-1" }, "o-1");
        await ApiClient.WaitForStatusAsync(client, tenant, "o-1", "waiting");
        await Eventually.UntilAsync(() => ApiClient.DescribeAsync(client, tenant, "o-1"),
            d => d["steps"]!.AsArray().Any(s => (string?)s!["name"] == "approval"), "the wait for approval to be logged");
        await ApiClient.SendEventAsync(client, tenant, "o-1", "approved", new { by = "ivy" });
        var d = await ApiClient.WaitForStatusAsync(client, tenant, "o-1", "errored");
        var json = d.ToJsonString();

        Fields(d, InstanceFields, InstanceExtras, "instance", json);
        Assert.Equal("o-1", Str(d, "id"));
        Assert.Equal("order", Str(d, "workflow"));
        Assert.Equal(1, Num(d, "version"));
        Assert.Equal("errored", Str(d, "status"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"sku":"a-1"}"""), d["params"]), json);
        Assert.Null(d["output"]);
        var error = Obj(d, "error");
        Fields(error, ["name", "message"], [], "error", json);
        Assert.Equal("NonRetryableException", Str(error, "name"));
        Assert.Equal("no stock for ivy", Str(error, "message"));
        var created = Time(d, "createdAt");
        var started = Time(d, "startedAt");
        var ended = Time(d, "endedAt");
        Assert.True(created <= started && started <= ended, json);

        var steps = d["steps"]!.AsArray();
        Assert.Equal(["charge", "cool-off", "approval", "ship"], steps.Select(s => Str(s!, "name")));

        var charge = steps[0]!.AsObject();
        Fields(charge, StepFields, StepExtras, "step charge", json);
        Assert.Equal("step", Str(charge, "type"));
        Assert.Equal(1, Num(charge, "count"));
        Assert.Equal("complete", Str(charge, "status"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":"ch-1","amount":42}"""), charge["output"]), json);
        Assert.True(Time(charge, "start") <= Time(charge, "end"), json);
        var attempts = charge["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        var first = Attempt(attempts[0]!, 1, success: false, json);
        Assert.Equal("InvalidOperationException", Str(first!, "name"));
        Assert.Equal("card busy", Str(first!, "message"));
        // stack: the tenant's own frames of a thrown exception (a faulted task that was never thrown has none, as ship's).
        var stack = first!["stack"]!.AsArray();
        Assert.InRange(stack.Count, 1, 5);
        Assert.StartsWith("Shape.OrderWorkflow.", stack[0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(Attempt(attempts[1]!, 2, success: true, json));
        Assert.True(Time(attempts[0]!, "end") <= Time(attempts[1]!, "start"), json);

        var sleep = steps[1]!.AsObject();
        Fields(sleep, SleepFields, SleepExtras, "sleep", json);
        Assert.Equal("sleep", Str(sleep, "type"));
        Assert.True(Bool(sleep, "finished"));
        Assert.True(Time(sleep, "end") - Time(sleep, "start") >= TimeSpan.FromMilliseconds(200), json);

        var wait = steps[2]!.AsObject();
        Fields(wait, WaitFields, WaitExtras, "waitForEvent", json);
        Assert.Equal("waitForEvent", Str(wait, "type"));
        Assert.True(Bool(wait, "finished"));
        Assert.True(Time(wait, "start") <= Time(wait, "end"), json);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"by":"ivy"}"""), wait["output"]), json);

        var ship = steps[3]!.AsObject();
        Fields(ship, StepFields, StepExtras, "step ship", json);
        Assert.Equal("errored", Str(ship, "status"));
        Assert.Null(ship["output"]);
        var shipError = Attempt(Assert.Single(ship["attempts"]!.AsArray())!, 1, success: false, json);
        Assert.Equal("NonRetryableException", Str(shipError!, "name"));
        Assert.Equal("no stock for ivy", Str(shipError!, "message"));
    }

    /// <summary>Checks one attempt's fields and returns its error object (null on success).</summary>
    private static JsonObject? Attempt(JsonNode attempt, int number, bool success, string json)
    {
        var o = attempt.AsObject();
        Fields(o, AttemptFields, [], $"attempt {number}", json);
        Assert.Equal(number, Num(o, "attempt"));
        Assert.Equal(success, Bool(o, "success"));
        Assert.True(Time(o, "start") <= Time(o, "end"), json);
        if (success)
        {
            Assert.Null(o["error"]);
            return null;
        }

        var error = Obj(o, "error");
        Fields(error, ["name", "message"], ["stack"], $"attempt {number}'s error", json);
        return error;
    }

    /// <summary>Every required field is present (null is a value); nothing else but the listed extras.</summary>
    private static void Fields(JsonObject o, string[] required, string[] allowed, string what, string json)
    {
        var missing = required.Where(f => !o.ContainsKey(f)).ToList();
        Assert.True(missing.Count == 0, $"{what} lacks {string.Join(", ", missing)}: {json}");
        var unknown = o.Select(p => p.Key).Where(k => !required.Contains(k) && !allowed.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"{what} has fields no contract names: {string.Join(", ", unknown)}: {json}");
    }

    private static string Str(JsonNode o, string field) =>
        o[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Kind(o, field, "a string");

    private static long Num(JsonNode o, string field) =>
        o[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<long>() : throw Kind(o, field, "a number");

    private static bool Bool(JsonNode o, string field) =>
        o[field] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : throw Kind(o, field, "a boolean");

    private static JsonObject Obj(JsonNode o, string field) => o[field] as JsonObject ?? throw Kind(o, field, "an object");

    /// <summary>An ISO 8601 timestamp with its offset, as DESIGN's "…" stands for.</summary>
    private static DateTimeOffset Time(JsonNode o, string field) =>
        DateTimeOffset.TryParse(Str(o, field), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? at
            : throw Kind(o, field, "an ISO 8601 timestamp");

    private static Xunit.Sdk.XunitException Kind(JsonNode o, string field, string kind) =>
        new($"\"{field}\" should be {kind}: {o.ToJsonString()}");

    private static byte[] Build() => TestAssemblies.Compile("Shape.Tenant", """
        namespace Shape;

        public sealed record Order(string Sku);

        public sealed record Charge(string Id, int Amount);

        public sealed record Approval(string By);

        [Workflow("order")]
        public sealed class OrderWorkflow : Workflow<Order, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<Order> e, WorkflowStep step, CancellationToken ct)
            {
                var charge = await step.Do("charge",
                    new StepConfig { Retries = new RetryPolicy(Limit: 2, Delay: TimeSpan.FromMilliseconds(10), Backoff: Backoff.Constant) },
                    ctx => ctx.Attempt == 1 ? throw new InvalidOperationException("card busy") : Task.FromResult(new Charge("ch-1", 42)));
                await step.Sleep("cool-off", TimeSpan.FromMilliseconds(200));
                var approval = await step.WaitForEvent<Approval>("approval", new WaitForEventOptions { Type = "approved", Timeout = TimeSpan.FromMinutes(5) });
                await step.Do("ship", ctx => Task.FromException<int>(new NonRetryableException("no stock for " + approval.Payload.By)));
                return charge.Id;
            }
        }
        """);
}
