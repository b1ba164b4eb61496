using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Children;

/// <summary>The params of <see cref="ParentStartsChild"/>: the child workflow to start and how long a text to send it.</summary>
internal sealed record ChildStart(string Workflow, int Size);

/// <summary>Returns the length of the text it was given.</summary>
[Workflow("child-length")]
internal sealed class ChildLength : Workflow<string, int>
{
    public override Task<int> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct) =>
        Task.FromResult(e.Payload.Length);
}

/// <summary>
/// Starts the named child workflow with a text of the given size, notes how that went (its output, or how it failed or
/// could not start), naps a minute, and returns the note: a replay after the nap must note the same.
/// </summary>
[Workflow("parent-starts-child")]
internal sealed class ParentStartsChild : Workflow<ChildStart, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<ChildStart> e, WorkflowStep step, CancellationToken ct)
    {
        var note = await NoteAsync(step, e.Payload);
        await step.Sleep("nap", TimeSpan.FromMinutes(1));
        return note;
    }

    private static async Task<string> NoteAsync(WorkflowStep step, ChildStart start)
    {
        try
        {
            return "ok " + await step.RunWorkflow<string, int>("child", start.Workflow, new string('x', start.Size));
        }
        catch (ChildWorkflowFailedException failed)
        {
            return $"child {failed.Status}:{failed.ErrorName}:{failed.ErrorMessage}";
        }
        catch (StepFailedException failed)
        {
            return $"not started:{failed.ErrorName}:{failed.Message}";
        }
        catch (ArgumentException refused)
        {
            return $"refused:{refused.Message}";
        }
    }
}
