namespace Skein.Host.Storage;

/// <summary>What a row of an instance's steps records: a step, a sleep, an event wait or a child workflow.</summary>
internal enum StepKind
{
    Step,
    Sleep,
    WaitForEvent,

    /// <summary>A child workflow the instance started and waits for (DESIGN §9).</summary>
    ChildWorkflow,
}
