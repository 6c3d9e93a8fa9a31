// TikTok: every link form becomes https://www.tiktok.com/@user/video/ID (or /photo/ID for a photo post) for yt-dlp.
// Links without a user name (old m.tiktok.com/v/ID.html, embeds) get "@_", the placeholder yt-dlp itself uses, since
// TikTok finds the post by its id alone. Short links (vm/vt.tiktok.com, tiktok.com/t/...) reach this script only after
// the host has followed their redirect to one of the forms above.

function extract(request) {
  const id = request.match.id;
  if (typeof id !== "string" || !/^\d{10,21}$/.test(id)) {
    fail("UnsupportedUrl", "no TikTok post id in " + request.url);
  }

  const user = typeof request.match.user === "string" && request.match.user.length > 0 ? request.match.user : "_";
  const form = request.match.form === "photo" ? "photo" : "video";
  return { delegate: "yt-dlp", url: "https://www.tiktok.com/@" + user + "/" + form + "/" + id };
}
