namespace Skein.Host.Plugins.Validation;

/// <summary>One reason an upload was rejected.</summary>
/// <param name="Code">A stable identifier from <see cref="UploadProblemCodes"/>, for clients and tests to match on.</param>
/// <param name="Assembly">The file the problem is in (its path inside a zip), or the upload itself.</param>
/// <param name="Type">The type in the upload where it was found, when known.</param>
/// <param name="Member">The method or field in <paramref name="Type"/> where it was found, when known.</param>
/// <param name="Api">The API or name that was found (e.g. <c>System.Diagnostics.Process.Start</c>), when there is one.</param>
/// <param name="Message">A sentence for a person, naming the file and what was found.</param>
internal sealed record UploadProblem(string Code, string Assembly, string? Type, string? Member, string? Api, string Message);
