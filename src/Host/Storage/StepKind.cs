namespace Skein.Host.Storage;

/// <summary>What a row of an instance's steps records: a step, a sleep or an event wait.</summary>
internal enum StepKind
{
    Step,
    Sleep,
    WaitForEvent,
}
