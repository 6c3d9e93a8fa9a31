namespace VideoBot.Sdk.Extraction;

/// <summary>What the host asks an extractor to describe.</summary>
/// <param name="Url">The normalized URL: lower-case scheme and host, no fragment, no tracking parameters, mobile hosts mapped.</param>
/// <param name="OriginalUrl">The URL exactly as the user sent it.</param>
/// <param name="Match">The named groups of the manifest URL pattern that matched <paramref name="Url"/> (for example <c>id</c>).</param>
public sealed record ExtractionRequest(Uri Url, string OriginalUrl, IReadOnlyDictionary<string, string> Match)
{
    /// <summary>Returns the named group <paramref name="name"/> of the matching URL pattern, or <see langword="null"/>.</summary>
    /// <param name="name">The group name, as written in the manifest pattern (<c>(?&lt;id&gt;...)</c>).</param>
    public string? Group(string name) => Match.TryGetValue(name, out var value) ? value : null;
}
