namespace Skein.Host.Plugins.Validation;

/// <summary>A <c>[Workflow]</c> type found in an accepted upload.</summary>
/// <param name="Name">The workflow's name from the attribute.</param>
/// <param name="TypeFullName">The type's reflection full name (nested types joined with <c>+</c>), for <c>Assembly.GetType</c>.</param>
/// <param name="MaxConcurrency">The attribute's <c>MaxConcurrency</c>; 0 when not set.</param>
internal sealed record DiscoveredWorkflow(string Name, string TypeFullName, int MaxConcurrency);
