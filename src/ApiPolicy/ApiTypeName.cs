namespace Skein.Host.Plugins.Validation;

/// <summary>A type as the allow-list sees it: namespace, and name with nested types joined by <c>+</c>.</summary>
internal readonly record struct ApiTypeName(string Namespace, string Name)
{
    public string FullName => Namespace.Length == 0 ? Name : $"{Namespace}.{Name}";

    /// <summary>The enclosing type of a nested type; null for a top-level type.</summary>
    public ApiTypeName? DeclaringType
    {
        get
        {
            var plus = Name.LastIndexOf('+');
            return plus < 0 ? null : new ApiTypeName(Namespace, Name.Substring(0, plus));
        }
    }

    public override string ToString() => FullName;
}
