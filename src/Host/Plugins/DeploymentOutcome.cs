using Skein.Host.Storage;

namespace Skein.Host.Plugins;

/// <summary>What an upload did: stored a new version, or found its content already deployed as an existing one.</summary>
/// <param name="Record">The version now active.</param>
/// <param name="Created">True for a new version (201); false when an existing version had the same content (200).</param>
internal sealed record DeploymentOutcome(DeploymentRecord Record, bool Created);
