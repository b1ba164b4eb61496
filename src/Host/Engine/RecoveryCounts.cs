namespace Skein.Host.Engine;

/// <summary>What recovering a tenant's runtime resumed: the instances woken and the durable timers armed again.</summary>
internal readonly record struct RecoveryCounts(int Instances, int Timers);
