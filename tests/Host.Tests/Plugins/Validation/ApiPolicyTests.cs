using Skein.Host.Plugins.Validation;

namespace Skein.Host.Tests.Plugins.Validation;

public sealed class ApiPolicyTests
{
    private static readonly MemberShape NoParameters = new([], 0);

    [Fact]
    public void A_namespace_without_a_rule_is_denied_by_name()
    {
        var verdict = DefaultApiPolicy.Instance.CheckType(new ApiTypeName("System.Xml", "XmlReader"));

        Assert.Equal((UploadProblemCodes.ApiNotAllowed, "namespace System.Xml is not on the allow-list"), (verdict.Code, verdict.Reason));
    }

    [Fact]
    public void A_nested_type_goes_with_the_type_that_encloses_it()
    {
        var policy = new ApiPolicy();
        policy.AllowNamespace("Acme");
        policy.Type("Acme.Vault").Deny(UploadProblemCodes.FileSystemAccess, "no");

        Assert.False(policy.CheckType(new ApiTypeName("Acme", "Vault+Key")).IsAllowed);
        Assert.True(policy.CheckType(new ApiTypeName("Acme", "Open+Key")).IsAllowed);
    }

    [Fact]
    public void Only_the_nearest_namespace_rule_decides_for_a_child_namespace()
    {
        var policy = new ApiPolicy();
        policy.AllowNamespace("Acme", includeChildren: true);
        policy.AllowTypes("Acme.Io", UploadProblemCodes.FileSystemAccess, "only listed", includeChildren: false, "Path");

        Assert.True(policy.CheckType(new ApiTypeName("Acme.Text", "Builder")).IsAllowed);
        Assert.True(policy.CheckType(new ApiTypeName("Acme.Io", "Path")).IsAllowed);
        Assert.False(policy.CheckType(new ApiTypeName("Acme.Io", "File")).IsAllowed);
        Assert.False(policy.CheckType(new ApiTypeName("Acme.Io.Pipes", "Pipe")).IsAllowed);
    }

    [Fact]
    public void A_member_rule_can_pick_one_overload()
    {
        var type = new ApiTypeName("System", "Type");

        Assert.True(DefaultApiPolicy.Instance.CheckMember(type, "GetType", NoParameters).IsAllowed);
        Assert.False(DefaultApiPolicy.Instance.CheckMember(type, "GetType", new MemberShape(["System.String"], 0)).IsAllowed);
    }

    [Fact]
    public void Members_denied_to_tenants_may_be_allowed_in_the_compilers_own_helpers()
    {
        var unsafeType = new ApiTypeName("System.Runtime.CompilerServices", "Unsafe");

        var asVerdict = DefaultApiPolicy.Instance.CheckMember(unsafeType, "As", NoParameters);
        var readVerdict = DefaultApiPolicy.Instance.CheckMember(unsafeType, "Read", NoParameters);

        Assert.Equal((false, true), (asVerdict.IsAllowed, asVerdict.AllowedInCompilerHelpers));
        Assert.Equal((false, false), (readVerdict.IsAllowed, readVerdict.AllowedInCompilerHelpers));
        Assert.True(DefaultApiPolicy.Instance.CheckMember(unsafeType, "Unbox", NoParameters).IsAllowed);
    }
}
