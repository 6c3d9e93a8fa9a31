// Facebook: watch links, page videos and reels become canonical www.facebook.com URLs for yt-dlp. A video id is global,
// so a page's /NAME/videos/ID is the same video as /watch/?v=ID; using one form lets every share of it hit one cache
// entry. Share links (/share/v/, /share/r/, fb.watch) never reach this script unresolved: the host follows their
// redirect and routes the target, which must be one of the forms above.

// Posts (page, group, story.php and permalink.php, pfbid or numeric), watch parties, events, the embedded player
// (plugins/video.php) and Ad Library entries name a post or a player, not a video: only the page says which video it
// holds, and yt-dlp's Facebook extractors read it. They go on as the router normalized them (host and query already
// reduced to what the form needs), still on facebook.com.
const PAGE_FORMS = ["posts", "story", "permalink", "groups", "watchparty", "events", "plugins", "ads"];

function extract(request) {
  if (PAGE_FORMS.includes(request.match.form)) {
    const page = /^https?:\/\/((?:www|[a-z]{2}-[a-z]{2})\.facebook\.com\/.*)$/.exec(String(request.url));
    if (!page) fail("UnsupportedUrl", "not a Facebook post: " + request.url);
    return { delegate: "yt-dlp", url: "https://" + page[1] };
  }

  const id = request.match.id;
  if (typeof id !== "string" || !/^\d{5,25}$/.test(id)) {
    fail("UnsupportedUrl", "no Facebook video id in " + request.url);
  }

  if (request.match.form === "reel") {
    return { delegate: "yt-dlp", url: "https://www.facebook.com/reel/" + id };
  }
  return { delegate: "yt-dlp", url: "https://www.facebook.com/watch/?v=" + id };
}
