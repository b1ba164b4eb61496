namespace Skein.Host.Storage;

/// <summary>The instance that started a child workflow, and the name and position of the step that waits for it.</summary>
internal sealed record ParentLink(string Id, string Step, int Position);
