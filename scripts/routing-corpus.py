#!/usr/bin/python3
"""Writes the routing corpus: every test URL of yt-dlp's extractors for the bot's 16 platforms.

yt-dlp's extractors each carry `_VALID_URL` and `_TESTS` (with `only_matching` entries for link forms that exist but are
not downloaded in its own test run). Those URLs are the link forms people really send, collected by the people who keep
yt-dlp working. This script reads them from the installed yt-dlp (or one given with --ytdlp, the directory that holds the
`yt_dlp` package) and writes them, one a line, to tests/VideoBot.Tests/Routing/ytdlp-urls.tsv, where
`Routing_the_link_forms_of_yt_dlps_own_tests` routes each one through the real router and plugins.

Only extractors of one video or post are read. Playlist, channel, user, search, feed, live-channel and course extractors
are left out on purpose (EXCLUDED_EXTRACTORS says why for each): the bot sends one post per link, so their URLs must not
route to a platform plugin, and they are not part of what "every link form routed" covers. Every extractor class of the
platforms' modules must be listed in one of the two tables, so a new yt-dlp that adds one makes this script stop and ask.

Test entries that are not http(s) links (yt-dlp's bare-id shorthands like `dQw4w9WgXcQ`, its `facebook:ID` scheme, app
links like `instagram://media?id=` and `at://` URIs) are skipped: the bot reads only http(s) links, and a user never sends
a bare id. The header counts them.

Usage: scripts/routing-corpus.py [--ytdlp DIR] [--out FILE]
It runs on Debian's /usr/bin/python3, the Python the yt-dlp package is installed for (another Python may lack its
dependencies or carry mismatched ones).
Re-run it after upgrading yt-dlp and commit the result; the test then says which new forms do not route.
"""

import argparse
import os
import sys

# Platform (the bot's plugin id) -> the yt-dlp extractor classes of one video or post that it covers.
PLATFORMS = {
    "youtube": ["YoutubeIE", "YoutubeClipIE", "YoutubeLivestreamEmbedIE", "YoutubeYtBeIE", "YoutubeConsentRedirectIE"],
    "tiktok": ["TikTokIE", "TikTokVMIE"],
    "instagram": ["InstagramIE", "InstagramIOSIE", "InstagramStoryIE"],
    "facebook": ["FacebookIE", "FacebookPluginsVideoIE", "FacebookReelIE", "FacebookAdsIE"],
    "twitter": ["TwitterIE", "TwitterCardIE", "TwitterBroadcastIE", "TwitterAmplifyIE", "TwitterShortenerIE"],
    "linkedin": ["LinkedInIE", "LinkedInEventsIE"],
    "threads": [],  # yt-dlp has no Threads extractor; the plugin's own tests cover its forms.
    "pinterest": ["PinterestIE"],
    "reddit": ["RedditIE"],
    "vimeo": ["VimeoIE", "VimeoOndemandIE", "VimeoEventIE", "VimeoReviewIE", "VimeoProIE"],
    "dailymotion": ["DailymotionIE"],
    "twitch": ["TwitchClipsIE"],
    "snapchat": ["SnapchatSpotlightIE"],
    "telegram": ["TelegramEmbedIE"],
    "bluesky": ["BlueskyIE"],
    "streamable": ["StreamableIE"],
}

# The yt-dlp modules behind the platforms: every extractor class in them is either read or excluded below.
MODULES = {
    "youtube": ["youtube"],
    "tiktok": ["tiktok"],
    "instagram": ["instagram"],
    "facebook": ["facebook"],
    "twitter": ["twitter"],
    "linkedin": ["linkedin"],
    "pinterest": ["pinterest"],
    "reddit": ["reddit"],
    "vimeo": ["vimeo"],
    "dailymotion": ["dailymotion"],
    "twitch": ["twitch"],
    "snapchat": ["snapchat"],
    "telegram": ["telegram"],
    "bluesky": ["bluesky"],
    "streamable": ["streamable"],
}

# Extractors deliberately not read, and why: none of them names one post the bot could send.
EXCLUDED_EXTRACTORS = {
    "YoutubeTabIE": "channels, playlists and channel tabs: many videos",
    "YoutubePlaylistIE": "playlists: many videos",
    "YoutubeSearchIE": "search: not a link",
    "YoutubeSearchURLIE": "search result pages: many videos",
    "YoutubeMusicSearchURLIE": "YouTube Music search pages: many videos",
    "YoutubeFavouritesIE": "the signed-in user's own feed",
    "YoutubeHistoryIE": "the signed-in user's own feed",
    "YoutubeWatchLaterIE": "the signed-in user's own feed",
    "YoutubeRecommendedIE": "the signed-in user's own feed",
    "YoutubeSubscriptionsIE": "the signed-in user's own feed",
    "YoutubeNotificationsIE": "the signed-in user's own feed",
    "YoutubeShortsAudioPivotIE": "the Shorts that use one sound: many videos",
    "YoutubeYtUserIE": "a ytuser: shorthand for a channel",
    "YoutubeTruncatedURLIE": "yt-dlp's hint for a link cut short by a shell; never a video",
    "YoutubeTruncatedIDIE": "yt-dlp's hint for an id cut short; never a video",
    "TikTokUserIE": "a user's posts: many videos",
    "TikTokSoundIE": "the posts that use one sound: many videos",
    "TikTokEffectIE": "the posts that use one effect: many videos",
    "TikTokTagIE": "a hashtag's posts: many videos",
    "TikTokCollectionIE": "a user's collection: many videos",
    "TikTokLiveIE": "a user's live stream, not a post",
    "DouyinIE": "Douyin (douyin.com), China's separate app: not TikTok and not one of the bot's platforms",
    "InstagramUserIE": "a user's posts: many videos",
    "InstagramTagIE": "a hashtag's posts: many videos",
    "FacebookRedirectURLIE": "Facebook's outbound link warning (flx/warn?u=): a link to another site, not a Facebook post",
    "TwitterSpacesIE": "Spaces: audio-only live rooms, not a video post",
    "TwitterEventIE": "Moments (i/events): a collection of posts",
    "LinkedInLearningIE": "LinkedIn Learning courses: paid lessons behind a subscription, not posts",
    "LinkedInLearningCourseIE": "LinkedIn Learning courses: many lessons",
    "PinterestCollectionIE": "boards: many pins",
    "VimeoAlbumIE": "showcases and albums: many videos",
    "VimeoChannelIE": "channels: many videos",
    "VimeoGroupsIE": "groups: many videos",
    "VimeoUserIE": "a user's videos: many videos",
    "VimeoLikesIE": "a user's likes: many videos",
    "VimeoWatchLaterIE": "the signed-in user's own list",
    "VHXEmbedIE": "Vimeo OTT's white-label player (embed.vhx.tv): sellers' own storefronts, not vimeo.com",
    "DailymotionPlaylistIE": "playlists: many videos",
    "DailymotionUserIE": "a user's videos: many videos",
    "DailymotionSearchIE": "search: not a link",
    "TwitchVodIE": "past broadcasts (VODs): the bot's Twitch plugin takes clips only",
    "TwitchStreamIE": "a channel's live stream, not a clip",
    "TwitchCollectionIE": "collections: many videos",
    "TwitchVideosIE": "a channel's videos: many videos",
    "TwitchVideosClipsIE": "a channel's clips: many clips",
    "TwitchVideosCollectionsIE": "a channel's collections: many videos",
}


def extractor_classes(ytdlp_dir):
    if ytdlp_dir:
        sys.path.insert(0, ytdlp_dir)
    # The lazy-extractor stubs hold _VALID_URL but not _TESTS: load the real classes.
    os.environ["YTDLP_NO_LAZY_EXTRACTORS"] = "1"
    import yt_dlp.extractor
    from yt_dlp.version import __version__, RELEASE_GIT_HEAD

    classes = {}
    for cls in yt_dlp.extractor.gen_extractor_classes():
        module = cls.__module__.split(".")[2]
        classes[cls.__name__] = (module, cls)
    return __version__, RELEASE_GIT_HEAD, classes


def check_tables(classes):
    """Every class of the platforms' modules is read or excluded, and every name in the tables exists."""
    read = {name for names in PLATFORMS.values() for name in names}
    modules = {m for ms in MODULES.values() for m in ms}
    problems = []
    for name, (module, _) in sorted(classes.items()):
        if module in modules and name not in read and name not in EXCLUDED_EXTRACTORS:
            problems.append(f"{name} (yt_dlp/extractor/{module}) is neither read nor excluded: decide which")
    for name in sorted(read | set(EXCLUDED_EXTRACTORS)):
        if name not in classes:
            problems.append(f"{name} is not in this yt-dlp: remove it from the tables")
    overlap = read & set(EXCLUDED_EXTRACTORS)
    problems.extend(f"{name} is both read and excluded" for name in sorted(overlap))
    if problems:
        sys.exit("routing-corpus: " + "\n  ".join(["the extractor tables do not match this yt-dlp:"] + problems))


def test_urls(cls):
    for test in cls.get_testcases(include_onlymatching=True):
        url = test.get("url")
        if isinstance(url, str):
            yield url


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ytdlp", help="directory holding the yt_dlp package (default: the one this Python imports)")
    parser.add_argument("--out", default=os.path.join(here, "..", "tests", "VideoBot.Tests", "Routing", "ytdlp-urls.tsv"))
    args = parser.parse_args()

    version, head, classes = extractor_classes(args.ytdlp)
    check_tables(classes)

    rows, seen, skipped = [], set(), []
    for platform, names in PLATFORMS.items():
        for name in names:
            for url in test_urls(classes[name][1]):
                if not (url.startswith("http://") or url.startswith("https://") or url.startswith("//")):
                    skipped.append(url)
                    continue
                if url in seen:
                    continue
                seen.add(url)
                rows.append((platform, name, url))

    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# yt-dlp {version} ({head}): the _TESTS URLs of its single-video extractors, written by scripts/routing-corpus.py\n")
        out.write(f"# {len(rows)} URLs; {len(skipped)} test entries skipped as not http(s) links (bare ids, facebook:, instagram://, at://)\n")
        out.write("# excluded extractors (not one post): " + ", ".join(sorted(EXCLUDED_EXTRACTORS)) + "\n")
        out.write("# platform\textractor\turl\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} URLs from yt-dlp {version} to {os.path.normpath(args.out)}")


if __name__ == "__main__":
    main()
