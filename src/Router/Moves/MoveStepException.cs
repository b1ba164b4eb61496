namespace Skein.Router.Moves;

/// <summary>A step of a move that a node refused or could not do; the message says which and why.</summary>
internal sealed class MoveStepException(string message, Exception? inner = null) : Exception(message, inner);
