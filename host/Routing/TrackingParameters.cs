using System.Collections.Frozen;
using VideoBot.Host.Manifests;

namespace VideoBot.Host.Routing;

/// <summary>
/// Query parameters that only say who shared a link or which campaign it came from. They never change what a link shows,
/// so dropping them lets the same post share one cache entry however it was shared. Lists after ClearURLs and the share
/// links of the big platforms; a name that carries content on some site is only dropped on the sites where it is known noise.
/// </summary>
internal static class TrackingParameters
{
    /// <summary>Noise on every site (click ids, mail campaign ids, share ids).</summary>
    private static readonly FrozenSet<string> Everywhere = FrozenSet.ToFrozenSet(
    [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
        "igsh", "igshid", "mibextid", "si", "ref_src", "ref_url", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
        "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "rb_clickid", "__s", "_rdc", "_rdr",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Prefixes of campaign families (<c>utm_source</c>, <c>utm_medium</c>...).</summary>
    private static readonly string[] Prefixes = ["utm_", "pk_", "hsa_"];

    /// <summary>Noise only on the named sites: elsewhere the same names may select content (a page, a start time).</summary>
    private static readonly (string Domain, FrozenSet<string> Names)[] BySite =
    [
        ("twitter.com", Set("s", "t", "ref_src", "ref_url")),
        ("x.com", Set("s", "t", "ref_src", "ref_url")),
        ("youtube.com", Set("pp", "ab_channel", "embeds_referring_euri", "embeds_referring_origin", "source_ve_path")),
        ("youtu.be", Set("pp", "ab_channel")),
        ("tiktok.com", Set("_r", "_t", "is_from_webapp", "is_copy_url", "sender_device", "sender_web_id", "share_app_id",
            "share_item_id", "share_link_id", "social_sharing", "source", "u_code", "tt_from", "checksum", "sec_uid",
            "timestamp", "user_id", "utm_campaign", "web_id", "refer", "enter_from", "embed_source", "referer_url",
            "referer_video_id", "share_author_id", "share_region", "language", "lang")),
        ("instagram.com", Set("utm_source", "ig_rid", "ig_mid")),
        ("facebook.com", Set("rdid", "share_url", "sfnsn", "extid", "ref", "notif_id", "notif_t", "comment_tracking")),
        ("reddit.com", Set("share_id", "rdt", "ref", "ref_source", "context")),
        ("vimeo.com", Set("share", "fl", "fe")),
        ("linkedin.com", Set("trk", "trackingId", "lipi", "midToken", "midSig", "trkEmail", "eid", "rcm")),
        ("pinterest.com", Set("invite_code", "sender", "sfo")),
        ("spotify.com", Set("context", "nd")),
    ];

    /// <summary>
    /// <c>feature</c> says which button shared a YouTube link (<c>share</c>, <c>youtu.be</c>); other values select content on
    /// other sites, so only those values go.
    /// </summary>
    private static readonly FrozenSet<string> ShareFeatureValues = Set("share", "shared", "youtu.be", "emb_title", "emb_logo");

    /// <summary>True when the parameter <paramref name="name"/>=<paramref name="value"/> on <paramref name="host"/> is tracking.</summary>
    public static bool IsTracking(string host, string name, string value)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (Everywhere.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (string.Equals(name, "feature", StringComparison.OrdinalIgnoreCase) && ShareFeatureValues.Contains(value))
        {
            return true;
        }

        foreach (var (domain, names) in BySite)
        {
            if (names.Contains(name) && DomainMatch.Covers(domain, host))
            {
                return true;
            }
        }

        return false;
    }

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
