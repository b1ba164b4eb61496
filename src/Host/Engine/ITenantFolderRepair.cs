namespace Skein.Host.Engine;

/// <summary>
/// Puts tenant folders left half-changed by a crash (a restore cut short) back into one consistent state. The
/// runtimes run every registered repair at start, before any tenant log opens; the feature that changes the folders
/// supplies it, so the engine does not depend on that feature.
/// </summary>
internal interface ITenantFolderRepair
{
    void RepairAll();
}
