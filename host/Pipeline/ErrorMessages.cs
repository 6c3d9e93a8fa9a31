using VideoBot.Host.Downloading;
using VideoBot.Host.Admission;
using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline.Output;
using VideoBot.Sdk.Extraction;
using VideoBot.Host.Media;

namespace VideoBot.Host.Pipeline;

/// <summary>
/// What the user reads when a job fails: what happened and what they can do, in their language. Built only from templates and
/// known numbers; exception messages (which may hold paths, hosts or tokens) never reach the user.
/// </summary>
internal sealed class ErrorMessages(MessageCatalog messages)
{
    public string Describe(Exception exception, string language, long uploadLimit) => exception switch
    {
        ExtractionException { Kind: ExtractionErrorKind.RateLimited, RetryAfter: { } wait } =>
            messages.Html(language, "error.rate_limited", ("wait", new HtmlFragment(Wait(wait, language)))),
        ExtractionException e => messages.Html(language, KeyOf(e.Kind)),
        MediaTooLargeException { Actual: { } actual } =>
            messages.Html(language, "error.too_large", ("size", Formats.Size(actual)), ("limit", Formats.Limit(uploadLimit))),
        MediaTooLargeException => messages.Html(language, "error.too_large_unknown", ("limit", Formats.Limit(uploadLimit))),
        MediaTooLongException e =>
            messages.Html(language, "error.too_long", ("duration", Formats.Duration(e.Duration)), ("limit", Formats.Duration(e.Limit))),
        Media.ClipOutOfRangeException e => messages.Html(language, "clip.past_end", ("duration", Formats.Duration(e.Duration))),
        JobTimeoutException => messages.Html(language, "error.timeout"),
        LimitRefusal e => e.Describe(messages, language),
        UploadRejectedException => messages.Html(language, "error.upload_failed"),
        _ => messages.Html(language, "error.internal"),
    };

    /// <summary>True for failures that are the media's or the site's doing, not a bug: logged without alarm.</summary>
    public static bool IsExpected(Exception exception) =>
        exception is ExtractionException or LimitRefusal or MediaTooLargeException or Media.ClipOutOfRangeException or MediaTooLongException or JobTimeoutException or UploadRejectedException;

    /// <summary>A short name of the failure for the operator's log.</summary>
    public static string KindOf(Exception exception) => exception switch
    {
        ExtractionException e => e.Kind.ToString(),
        LimitRefusal e => e.Kind,
        _ => exception.GetType().Name,
    };

    private static string KeyOf(ExtractionErrorKind kind) => kind switch
    {
        ExtractionErrorKind.UnsupportedUrl => "error.unsupported_url",
        ExtractionErrorKind.NotFound => "error.not_found",
        ExtractionErrorKind.LoginRequired => "error.login_required",
        ExtractionErrorKind.GeoBlocked => "error.geo_blocked",
        ExtractionErrorKind.AgeRestricted => "error.age_restricted",
        ExtractionErrorKind.RateLimited => "error.rate_limited_unknown",
        ExtractionErrorKind.SiteChanged => "error.site_changed",
        ExtractionErrorKind.Network => "error.network",
        ExtractionErrorKind.PermissionDenied => "error.permission_denied",
        ExtractionErrorKind.NoMedia => "error.no_media",
        ExtractionErrorKind.PluginFault => "error.plugin_fault",
        _ => "error.internal",
    };

    private string Wait(TimeSpan wait, string language) =>
        wait < TimeSpan.FromMinutes(2)
            ? messages.Html(language, "unit.seconds", ("n", (int)Math.Ceiling(wait.TotalSeconds)))
            : messages.Html(language, "unit.minutes", ("n", (int)Math.Ceiling(wait.TotalMinutes)));
}
