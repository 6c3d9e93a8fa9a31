using VideoBot.Host.Network;

namespace VideoBot.Tests.Network;

public sealed class HostPermissionsTests
{
    private static readonly HostPermissions Permissions = new(["example.com", "*.cdn-example.net", "Bücher.example"]);

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("EXAMPLE.com", true)]
    [InlineData("example.com.", true)]
    [InlineData("www.example.com", false)]
    [InlineData("badexample.com", false)]
    [InlineData("example.com.evil.test", false)]
    [InlineData("video.cdn-example.net", true)]
    [InlineData("a.b.cdn-example.net", true)]
    [InlineData("cdn-example.net", false)]
    [InlineData("evilcdn-example.net", false)]
    [InlineData("cdn-example.net.evil.test", false)]
    [InlineData("xn--bcher-kva.example", true)]
    [InlineData("bücher.example", true)]
    public void Host_patterns_match_exactly_or_at_a_dot_boundary(string host, bool allowed) =>
        Assert.Equal(allowed, Permissions.Allows(host));

    [Theory]
    [InlineData("example.com", true)] // the permitted host itself
    [InlineData("com", true)] // a cookie for .com would reach example.com (the cookie jar refuses top-level domains itself)
    [InlineData("www.example.com", false)] // only example.com itself is permitted, not its subdomains
    [InlineData("cdn-example.net", true)] // the wildcard's base: its subdomains are within it
    [InlineData("video.cdn-example.net", true)]
    [InlineData("other.net", false)]
    [InlineData("ample.com", false)]
    public void A_cookie_domain_is_covered_when_some_permitted_host_is_within_it(string domain, bool covered) =>
        Assert.Equal(covered, Permissions.AllowsAnyWithin(domain));

    [Theory]
    [InlineData("*example.com")]
    [InlineData("ex*ple.com")]
    [InlineData("")]
    public void Patterns_that_are_not_a_host_or_a_subdomain_wildcard_allow_nothing(string pattern)
    {
        var permissions = new HostPermissions([pattern]);
        Assert.False(permissions.Allows("example.com"));
        Assert.False(permissions.Allows("www.example.com"));
    }

    [Fact]
    public void A_lone_star_allows_any_host_name_but_not_a_malformed_one()
    {
        var permissions = new HostPermissions(["*"]);
        Assert.True(permissions.Allows("example.com"));
        Assert.True(permissions.Allows("video.cdn.example.net"));
        Assert.False(permissions.Allows(""));
    }

    [Fact]
    public void A_plugin_without_network_permissions_reaches_nothing() =>
        Assert.False(new HostPermissions([]).Allows("example.com"));
}
