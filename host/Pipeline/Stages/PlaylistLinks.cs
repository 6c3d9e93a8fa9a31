using VideoBot.Host.Routing;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// Which links are playlists, channels or profiles: those a plugin's URL pattern marks with a <c>playlist</c> group (the
/// YouTube plugin's <c>list=</c> and channel forms, the generic plugin's feeds). A link that names a single video too (an
/// <c>id</c> group: YouTube's <c>watch?v=…&amp;list=…</c>) still means that video unless the user picks the playlist.
/// </summary>
internal static class PlaylistLinks
{
    public const string PlaylistGroup = "playlist";
    public const string VideoGroup = "id";

    /// <summary>The candidate that marked the link a playlist, or null for a link to one post.</summary>
    public static RouteCandidate? PlaylistOf(RouteResult route) =>
        route.Candidates is [{ } first, ..] && first.Url is not null && first.Match.ContainsKey(PlaylistGroup) ? first : null;

    /// <summary>True when the link names a video inside a playlist: the user chooses which one they meant.</summary>
    public static bool IsVideoInPlaylist(RouteCandidate candidate) => candidate.Match.ContainsKey(VideoGroup);

    /// <summary>
    /// The link to the single video: the playlist's query parameter (the one whose value the <c>playlist</c> group captured)
    /// taken out, so the video's cache entry is the same as when it is sent alone.
    /// </summary>
    public static string SingleVideo(RouteCandidate candidate)
    {
        var url = candidate.Url!;
        var playlist = candidate.Match[PlaylistGroup];
        var kept = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !(pair.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && Uri.UnescapeDataString(pair[(eq + 1)..]) == playlist));
        var query = string.Join('&', kept);
        return new UriBuilder(url) { Query = query }.Uri.AbsoluteUri;
    }
}
