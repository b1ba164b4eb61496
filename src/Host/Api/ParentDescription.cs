namespace Skein.Host.Api;

/// <summary>The parent of a child workflow, in its describe: the parent's id and the name of the step that started it.</summary>
internal sealed record ParentDescription(string Id, string Step);
