// Facebook: watch links, page videos and reels become canonical www.facebook.com URLs for yt-dlp. A video id is global,
// so a page's /NAME/videos/ID is the same video as /watch/?v=ID; using one form lets every share of it hit one cache
// entry. Share links (/share/v/, /share/r/, fb.watch) never reach this script unresolved: the host follows their
// redirect and routes the target, which must be one of the forms above.

function extract(request) {
  const id = request.match.id;
  if (typeof id !== "string" || !/^\d{5,25}$/.test(id)) {
    fail("UnsupportedUrl", "no Facebook video id in " + request.url);
  }

  if (request.match.form === "reel") {
    return { delegate: "yt-dlp", url: "https://www.facebook.com/reel/" + id };
  }
  return { delegate: "yt-dlp", url: "https://www.facebook.com/watch/?v=" + id };
}
