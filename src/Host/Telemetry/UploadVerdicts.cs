namespace Skein.Host.Telemetry;

/// <summary>Counts deployment uploads by verdict; a refusal is labelled with its first problem code.</summary>
internal static class UploadVerdicts
{
    public static void Accepted(string tenant) =>
        SkeinInstruments.Uploads.Add(1, new KeyValuePair<string, object?>(SkeinAttributes.MetricTenant, tenant),
            new KeyValuePair<string, object?>(SkeinAttributes.Verdict, "accepted"));

    public static void Refused(string tenant, string problemCode) =>
        SkeinInstruments.Uploads.Add(1, new KeyValuePair<string, object?>(SkeinAttributes.MetricTenant, tenant),
            new KeyValuePair<string, object?>(SkeinAttributes.Verdict, "refused"),
            new KeyValuePair<string, object?>(SkeinAttributes.ProblemCode, problemCode));
}
