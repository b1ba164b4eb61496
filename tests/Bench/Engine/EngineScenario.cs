namespace Skein.Bench.Engine;

/// <summary>One load: <paramref name="Instances"/> instances of <paramref name="Steps"/> steps spread round-robin over
/// <paramref name="Tenants"/> tenants, with at most <paramref name="InFlight"/> instances created and unfinished at once.</summary>
internal sealed record EngineScenario(string Name, int Tenants, int Instances, int Steps, int InFlight)
{
    public long TotalSteps => (long)Instances * Steps;
}
