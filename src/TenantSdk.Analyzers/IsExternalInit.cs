// The shared policy's records need this type, which netstandard2.0 does not have; the compiler only looks it up by name.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit;
