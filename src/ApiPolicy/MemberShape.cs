namespace Skein.Host.Plugins.Validation;

/// <summary>
/// The parameters of a referenced member, as type names (<c>System.String</c>, <c>System.Object[]</c>, <c>!!0</c>),
/// so a rule can deny one overload and allow another (<c>Type.GetType(string)</c> versus <c>object.GetType()</c>).
/// </summary>
internal sealed record MemberShape(IReadOnlyList<string> Parameters, int GenericParameterCount)
{
    public static MemberShape Field { get; } = new([], 0);

    public bool HasParameters => Parameters.Count > 0;

    public bool TakesString => Parameters.Contains("System.String");

    public bool FirstParameterIs(string typeName) => Parameters.Count > 0 && Parameters[0] == typeName;

    public bool ParametersAre(params string[] typeNames) => Parameters.SequenceEqual(typeNames);
}
