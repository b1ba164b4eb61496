using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>At start, finishes or undoes every restore a crash cut short (see <see cref="RestoreJournal"/>).</summary>
internal sealed class RestoreJournalRepair(EngineOptions options, Catalog catalog) : ITenantFolderRepair
{
    public void RepairAll() => RestoreJournal.RecoverAll(options.DataDir, catalog);
}
