namespace Skein.Host.Api.Document;

/// <summary>
/// The body an endpoint reads by hand, for the API document only (see <see cref="DocumentedBodies"/>). Unlike
/// <c>Accepts</c> metadata, routing does not act on it: each handler reads and refuses its own body (415 as
/// <c>urn:skein:problem:unsupported-media-type</c>, after the access check), so a bare 415 from routing never
/// answers first.
/// </summary>
internal sealed record DocumentedBody(Type Type, bool Optional, IReadOnlyList<string> ContentTypes);
