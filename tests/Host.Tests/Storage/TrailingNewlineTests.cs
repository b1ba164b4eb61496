using Skein.Host.Api;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A name that would be valid but for a trailing newline is refused: a regex's <c>$</c> matches before a final
/// newline, so every pattern that checks a whole name must end with <c>\z</c>.
/// </summary>
public sealed class TrailingNewlineTests
{
    [Fact]
    public void A_tenant_id_with_a_trailing_newline_is_invalid()
    {
        Assert.True(TenantIds.IsValid("acme"));
        Assert.False(TenantIds.IsValid("acme\n"));
        Assert.Throws<ArgumentException>(() => TenantIds.Folder("/data", "acme\n"));
    }

    [Fact]
    public void An_instance_id_with_a_trailing_newline_is_invalid()
    {
        Assert.True(InstanceIds.IsValid("order-1"));
        Assert.False(InstanceIds.IsValid("order-1\n"));
    }

    [Fact]
    public void An_event_type_with_a_trailing_newline_is_invalid()
    {
        Assert.True(EventTypes.IsValid("paid"));
        Assert.False(EventTypes.IsValid("paid\n"));
    }

    [Fact]
    public void A_wait_duration_with_a_trailing_newline_is_refused()
    {
        var refused = Assert.Throws<ApiException>(() => WaitDuration.Parse("30s\n"));
        Assert.Equal(400, refused.Status);
    }
}
