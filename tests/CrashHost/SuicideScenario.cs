using System.Text.Json;
using Skein.Host.Api;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.CrashHost;

/// <summary>
/// The crash-loop scenario: a suicide step with retry limit 1, one with a limit far above the crash-loop cap, and
/// an ordinary crash instance. Every start creates them (idempotently); once all three are finished it prints each
/// one's describe as <c>DESCRIBE {id} {json}</c>, then <c>ALL FINISHED</c>.
/// </summary>
internal static class SuicideScenario
{
    public const string LimitOne = "c-9001";
    public const string Loop = "c-9002";
    public const string Healthy = "c-9003";

    public static async Task<int> RunAsync(WorkflowEngine engine, string tenant, string sideEffectFile)
    {
        await engine.CreateAsync(tenant, "suicide", LimitOne, Json(new SuicideParams(sideEffectFile, 1)));
        await engine.CreateAsync(tenant, "suicide", Loop, Json(new SuicideParams(sideEffectFile, 100)));
        await engine.CreateAsync(tenant, "crash", Healthy, Json(new CrashParams(sideEffectFile)));
        foreach (var id in new[] { LimitOne, Loop, Healthy })
        {
            await engine.WaitForStatusAsync(tenant, id, InstanceStatus.IsFinished, CancellationToken.None);
        }

        foreach (var id in new[] { LimitOne, Loop, Healthy })
        {
            Console.WriteLine($"DESCRIBE {id} {JsonSerializer.Serialize(InstanceDescriber.Describe(engine.Describe(tenant, id)!), JsonSerializerOptions.Web)}");
        }

        Console.WriteLine("ALL FINISHED");
        return 0;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
