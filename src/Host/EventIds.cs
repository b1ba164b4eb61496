namespace Skein.Host;

/// <summary>
/// Every event id the host logs with, in one place: an operator filters and alerts on these numbers, so an id
/// never changes meaning and is never reused. Grouped by area; new ids go in the area's block (see the list of
/// free and reserved blocks at the end). The router keeps its own registry (Skein.Router.EventIds) with ids that
/// do not overlap these.
/// </summary>
internal static class EventIds
{
    // Start and configuration.
    public const int NoAdminKey = 3001;
    public const int DataFolder = 3002;
    public const int DemoSetupFailed = 3101;

    // HTTP API.
    public const int UnhandledError = 2001;
    public const int DiskFull = 8610;
    public const int EndpointWithoutPolicy = 9400;

    // Storage.
    public const int DataFolderInUse = 8601;
    public const int DataFolderFull = 8602;
    public const int VacuumConverted = 9590;
    public const int VacuumConversionFailed = 9591;

    // Tenants: freeze and unfreeze.
    public const int TenantFrozen = 8800;
    public const int TenantUnfrozen = 8801;
    public const int FreezeDroppingRequests = 8802;
    public const int FreezeAbandoned = 9202;

    // Deployments and the versions' load contexts.
    public const int VersionRetirementFailed = 8110;
    public const int ContextNotCollected = 8401;
    public const int ContextCollectedLate = 8402;
    public const int DeploymentHostFault = 8701;
    public const int DeploymentReused = 8702;
    public const int VersionDoesNotLoad = 8703;
    public const int OrphanVersionFolderRemoved = 8704;
    public const int VersionFolderDiscardFailed = 8705;

    // Engine: instances, timers, recovery.
    public const int InstanceExecutionFailed = 1001;
    public const int TimerFailed = 8100;
    public const int TimerWakeFailed = 8101;
    public const int AttemptCutOff = 8201;
    public const int CrashLoop = 8202;
    public const int InstanceStoppedWithTenant = 8400;
    public const int InstanceStartFailed = 9350;
    public const int InstanceBackgroundWorkFailed = 9351;
    public const int CancellationCallbackFailed = 9361;
    public const int ChildResolved = 9500;
    public const int ContinuedAsNew = 9520;
    public const int ContinueAsNewRefused = 9521;

    // Engine: schedules.
    public const int ScheduleTicked = 9540;
    public const int ScheduleUnknownWorkflow = 9541;
    public const int ScheduleTickFailed = 9542;
    public const int SchedulesFailed = 9543;
    public const int AttributeSchedulesSynced = 9544;
    public const int AttributeScheduleHeldByApi = 9545;
    public const int AttributeScheduleBadId = 9546;

    // Engine: lines written by workflow code, mirrored into the host log.
    public const int WorkflowStepLine = 9570;
    public const int WorkflowCodeLine = 9571;
    public const int WorkflowLinesSkipped = 9572;

    // Engine: retention.
    public const int RetentionPurged = 9592;
    public const int RetentionNothingToPurge = 9593;
    public const int RetentionPurgeFailed = 9594;
    public const int RetentionStoppedDuringPurge = 9595;

    // Egress.
    public const int EgressRefused = 8500;

    // Backup and restore.
    public const int TenantRestored = 5001;
    public const int ScheduledBackupFailed = 5002;
    public const int RestoreKillAtArmed = 8850;
    public const int RestoreAbandoned = 9200;
    public const int RestoreHeld = 9201;

    // Lifecycle lines, 9700–9759.
    // Start.
    public const int OptionsInEffect = 9700;
    public const int LimitsInEffect = 9701;

    // Tenants and their keys.
    public const int TenantCreated = 9710;
    public const int TenantDeleted = 9711;
    public const int KeyIssued = 9712;
    public const int KeyRevoked = 9713;
    public const int LimitsChanged = 9714;

    // Deployments and versions.
    public const int DeploymentAccepted = 9720;
    public const int DeploymentRefused = 9721;
    public const int VersionActivated = 9722;
    public const int VersionLoaded = 9723;
    public const int VersionUnloaded = 9724;

    // Instances and recovery.
    public const int InstanceErrored = 9730;
    public const int TenantRecovered = 9731;
    public const int NodeRecovered = 9732;

    // Backup and restore steps.
    public const int BackupWritten = 9740;
    public const int BackupStored = 9741;
    public const int BackupPruned = 9742;
    public const int RestoreStarted = 9743;
    public const int RestoreVerified = 9744;
    public const int RestoreRefused = 9745;

    // Blocks reserved for work that lands separately; its ids are moved in here when it does:
    //   9610–9619  tenant SDK package and analyzers
    //   9630–9649  tenant test kit and the history endpoint
    //   9650–9669  OpenTelemetry traces and metrics (src/Host/Telemetry, /metrics)
    // Taken by the router's registry: 9000–9199, 9760–9779 and its other ids listed there.
}
