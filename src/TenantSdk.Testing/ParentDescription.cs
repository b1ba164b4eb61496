namespace Skein.TenantSdk.Testing;

/// <summary>The parent of a child workflow: its id and the name of the step that started the child.</summary>
/// <param name="Id">The parent's instance id.</param>
/// <param name="Step">The parent's step name.</param>
public sealed record ParentDescription(string Id, string Step);
