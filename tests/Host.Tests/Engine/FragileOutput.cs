namespace Skein.Host.Tests.Engine;

/// <summary>A workflow output whose only property throws while the probe has failures left for it.</summary>
internal sealed class FragileOutput(Probe probe)
{
    public const string Failure = "output";

    public string Value
    {
        get
        {
            if (probe.FailuresLeft.TryGetValue(Failure, out var left) && left > 0)
            {
                probe.FailuresLeft[Failure] = left - 1;
                throw new InvalidOperationException("The output cannot be serialized yet.");
            }

            return "ok";
        }
    }
}
