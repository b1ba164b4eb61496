using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>A type or member an assembly references that the allow-list denies.</summary>
/// <param name="Api">Its full name, e.g. <c>System.Diagnostics.Process.Start</c>.</param>
/// <param name="Verb">How a place uses it, e.g. "calls System.Diagnostics.Process.Start" or "creates System.Threading.Thread".</param>
/// <param name="Verdict">The allow-list's reason.</param>
/// <param name="Type">For a member, the type reference that declares it; covers that type's own report at the same place.</param>
internal sealed record DeniedReference(string Api, string Verb, ApiVerdict Verdict, TypeReferenceHandle Type);
