namespace VideoBot.Sdk.Extraction;

/// <summary>Why an extraction failed. The host turns each kind into its own message for the user.</summary>
public enum ExtractionErrorKind
{
    /// <summary>The URL is not one this extractor can handle (for example a profile page, not a post).</summary>
    UnsupportedUrl,

    /// <summary>The post does not exist, or was removed.</summary>
    NotFound,

    /// <summary>The post is private, or the site wants a login to show it.</summary>
    LoginRequired,

    /// <summary>The site does not show the post in the host's country.</summary>
    GeoBlocked,

    /// <summary>The site hides the post behind an age check.</summary>
    AgeRestricted,

    /// <summary>The site is limiting our requests; <see cref="ExtractionException.RetryAfter"/> may say for how long.</summary>
    RateLimited,

    /// <summary>The page or API no longer has the structure the extractor expects: the extractor is broken. The host tries the next candidate.</summary>
    SiteChanged,

    /// <summary>A network error that may pass: a timeout, a reset connection, a 5xx answer.</summary>
    Network,

    /// <summary>The plugin tried something its manifest does not permit (a host outside <c>permissions.network</c>, a private address).</summary>
    PermissionDenied,

    /// <summary>The post holds no media the bot can send (a text-only post, for example).</summary>
    NoMedia,

    /// <summary>The plugin itself failed: it crashed, or a script exceeded a sandbox limit. The host tries the next candidate.</summary>
    PluginFault,
}
