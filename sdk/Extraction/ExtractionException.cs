namespace VideoBot.Sdk.Extraction;

/// <summary>A failure an extractor reports; the host turns its <see cref="Kind"/> into a clear message for the user.</summary>
public class ExtractionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why the extraction failed.</param>
    /// <param name="message">A message for the operator's log: what was expected and what was found. Never shown to users verbatim.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ExtractionException(ExtractionErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Why the extraction failed.</summary>
    public ExtractionErrorKind Kind { get; }

    /// <summary>For <see cref="ExtractionErrorKind.RateLimited"/>: how long the site asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when trying the next candidate plugin may help (the extractor is broken or crashed).</summary>
    public bool AllowsFallback => Kind is ExtractionErrorKind.SiteChanged or ExtractionErrorKind.PluginFault;

    /// <summary>True when the same request may succeed later without any change (network errors, rate limits).</summary>
    public bool IsTransient => Kind is ExtractionErrorKind.Network or ExtractionErrorKind.RateLimited;
}
