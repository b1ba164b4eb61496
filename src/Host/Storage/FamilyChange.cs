namespace Skein.Host.Storage;

/// <summary>
/// What a committed write did to other instances of the same family (DESIGN §9, child workflows): the parents' child
/// steps it resolved (the child ended or was deleted) and the children it terminated (their parent ended, was deleted
/// or restarted before their step). The engine acts on it after the commit: it wakes the parents and stops the
/// terminated children's executions.
/// </summary>
internal sealed record FamilyChange(IReadOnlyList<ChildEnd> ResolvedParents, IReadOnlyList<string> Terminated);
