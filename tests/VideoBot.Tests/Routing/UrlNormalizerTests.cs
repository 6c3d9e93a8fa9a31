using VideoBot.Host.Routing;

namespace VideoBot.Tests.Routing;

public sealed class UrlNormalizerTests
{
    [Theory]
    [InlineData("HTTPS://WWW.YouTube.COM/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("  https://vimeo.com/76979871  ", "https://vimeo.com/76979871")]
    [InlineData("youtube.com/watch?v=dQw4w9WgXcQ", "https://youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("//vimeo.com/76979871", "https://vimeo.com/76979871")]
    [InlineData("https://vimeo.com:443/76979871#t=30s", "https://vimeo.com/76979871")]
    [InlineData("http://vimeo.com:80/76979871", "http://vimeo.com/76979871")]
    [InlineData("https://example.com:8443/a", "https://example.com:8443/a")]
    [InlineData("example.com:8080/a", "https://example.com:8080/a")]
    [InlineData("https://instagram.com./p/Cx1", "https://instagram.com/p/Cx1")]
    [InlineData("https://bücher.example/video/1", "https://xn--bcher-kva.example/video/1")]
    [InlineData("https://example.com", "https://example.com/")]
    public void Links_are_brought_to_one_canonical_form(string input, string expected)
    {
        Assert.True(UrlNormalizer.TryNormalize(input, out var url, out var error), error);
        Assert.Equal(expected, url!.ToString());
    }

    [Theory]
    [InlineData("https://www.instagram.com/reel/Cx1/?utm_source=ig_web_copy_link&igsh=MzRlODBiNWFlZA==", "https://www.instagram.com/reel/Cx1/")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?si=AbCdEf&t=42", "https://youtu.be/dQw4w9WgXcQ?t=42")]
    [InlineData("https://www.youtube.com/watch?v=x&feature=share&pp=ygUE", "https://www.youtube.com/watch?v=x")]
    [InlineData("https://shop.example/item?feature=sale", "https://shop.example/item?feature=sale")]
    [InlineData("https://x.com/user/status/1?s=20&t=AbC", "https://x.com/user/status/1")]
    [InlineData("https://blog.example/post?s=20&t=3", "https://blog.example/post?s=20&t=3")]
    [InlineData("https://www.facebook.com/watch?v=1&mibextid=abc&fbclid=IwAR0", "https://www.facebook.com/watch?v=1")]
    [InlineData("https://example.com/a?UTM_Medium=x&gclid=1&keep=%20a+b", "https://example.com/a?keep=%20a+b")]
    public void Tracking_parameters_are_dropped_and_the_rest_keeps_its_encoding(string input, string expected)
    {
        Assert.True(UrlNormalizer.TryNormalize(input, out var url, out var error), error);
        Assert.Equal(expected, url!.ToString());
    }

    [Theory]
    [InlineData("", "the link is empty")]
    [InlineData("   ", "the link is empty")]
    [InlineData("ftp://example.com/video.mp4", "only http and https links are supported, not ftp:")]
    [InlineData("javascript:alert(1)", "only http and https links are supported, not javascript:")]
    [InlineData("file:///etc/passwd", "only http and https links are supported, not file:")]
    [InlineData("https://user:secret@vimeo.com/1", "links with a user name or password in them are not accepted")]
    [InlineData("https://vimeo.com/1\u0000", "the link contains control characters")]
    [InlineData("https://vimeo.com/a\nb", "the link contains control characters")]
    [InlineData("https://vimeo.com/a b", "the link contains spaces")]
    [InlineData("https://", "the link is not a valid URL")]
    public void Unusable_links_are_refused_with_a_clear_reason(string input, string reason)
    {
        Assert.False(UrlNormalizer.TryNormalize(input, out var url, out var error));
        Assert.Null(url);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void A_link_longer_than_2048_characters_is_refused()
    {
        var input = "https://example.com/" + new string('a', 2048);

        Assert.False(UrlNormalizer.TryNormalize(input, out _, out var error));
        Assert.Equal("the link is longer than 2048 characters", error);
    }

    [Fact]
    public void A_look_alike_host_in_another_script_becomes_punycode()
    {
        // The first letter is the Cyrillic "і" (U+0456), not the Latin "i".
        Assert.True(UrlNormalizer.TryNormalize("https://www.\u0456nstagram.com/p/Cx1", out var url, out _));

        Assert.Equal("www.xn--nstagram-shh.com", url!.Host);
        Assert.DoesNotContain("instagram.com", url.ToString(), StringComparison.Ordinal);
    }
}
