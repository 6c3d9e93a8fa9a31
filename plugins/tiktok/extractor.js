// TikTok: every link form becomes https://www.tiktok.com/@user/video/ID for yt-dlp, photo posts included: yt-dlp's
// TikTok extractor does not match /@user/photo/ID, and TikTok serves a photo post at /video/ID too (cobalt always asks
// for /video/ID, even for photos).
// Links without a user name (old m.tiktok.com/v/ID.html, embeds) get "@_", the placeholder yt-dlp itself uses, since
// TikTok finds the post by its id alone. Short links (vm/vt.tiktok.com, tiktok.com/t/...) reach this script only after
// the host has followed their redirect to one of the forms above.

function extract(request) {
  const id = request.match.id;
  if (typeof id !== "string" || !/^\d{10,21}$/.test(id)) {
    fail("UnsupportedUrl", "no TikTok post id in " + request.url);
  }

  const user = typeof request.match.user === "string" && request.match.user.length > 0 ? request.match.user : "_";
  return { delegate: "yt-dlp", url: "https://www.tiktok.com/@" + user + "/video/" + id };
}
