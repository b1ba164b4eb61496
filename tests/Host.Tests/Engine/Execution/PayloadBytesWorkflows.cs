using System.Text.Json;
using System.Text.Json.Serialization;
using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>
/// A text its converter writes unescaped, as a tenant's converter may: each <c>é</c> is one UTF-16 unit of the JSON
/// and two bytes of what is stored.
/// </summary>
[JsonConverter(typeof(RawTextConverter))]
internal sealed record RawText(string Text)
{
    public static RawText Of(int accents) => new(new string('é', accents));
}

internal sealed class RawTextConverter : JsonConverter<RawText>
{
    public override RawText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, RawText value, JsonSerializerOptions options) =>
        writer.WriteRawValue("\"" + value.Text + "\"");
}

/// <summary>Returns a step result of so many <c>é</c>, or notes how the step failed.</summary>
[Workflow("raw-step")]
internal sealed class RawStep : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        try
        {
            return (await step.Do("raw", _ => Task.FromResult(RawText.Of(e.Payload)))).Text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (StepFailedException failed)
        {
            return $"failed after {failed.Attempts}:{failed.ErrorName}:{failed.Message}";
        }
    }
}

/// <summary>Ends with an output of so many <c>é</c>.</summary>
[Workflow("raw-output")]
internal sealed class RawOutput : Workflow<int, RawText>
{
    public override Task<RawText> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(RawText.Of(e.Payload));
}

/// <summary>Starts <see cref="RawChild"/> with params of so many <c>é</c>, and notes how that went.</summary>
[Workflow("raw-parent")]
internal sealed class RawParent : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        try
        {
            return "ok " + await step.RunWorkflow<RawText, int>("child", "raw-child", RawText.Of(e.Payload));
        }
        catch (StepFailedException failed)
        {
            return $"not started:{failed.ErrorName}:{failed.Message}";
        }
    }
}

[Workflow("raw-child")]
internal sealed class RawChild : Workflow<RawText, int>
{
    public override Task<int> RunAsync(WorkflowEvent<RawText> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(e.Payload.Text.Length);
}
