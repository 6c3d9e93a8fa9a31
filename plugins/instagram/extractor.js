// Instagram: posts, reels, IGTV and stories become their canonical www.instagram.com URL for yt-dlp. yt-dlp's pattern
// knows /p/, /reel/ and /tv/ but not the plural /reels/, and the user-prefixed /name/p/CODE form is just the post, so
// both are rewritten. Login walls (stories, private posts) are yt-dlp's to report.

const KINDS = { p: "p", reel: "reel", reels: "reel", tv: "tv" };

function extract(request) {
  const id = request.match.id;
  const user = request.match.user;

  if (typeof user === "string" && user.length > 0) {
    if (!/^\d{5,25}$/.test(id || "")) fail("UnsupportedUrl", "no Instagram story id in " + request.url);
    return { delegate: "yt-dlp", url: "https://www.instagram.com/stories/" + user + "/" + id + "/" };
  }

  const form = request.match.form;
  const kind = Object.prototype.hasOwnProperty.call(KINDS, form) ? KINDS[form] : undefined;
  if (kind === undefined || typeof id !== "string" || !/^[A-Za-z0-9_-]{5,64}$/.test(id)) {
    fail("UnsupportedUrl", "no Instagram post code in " + request.url);
  }
  return { delegate: "yt-dlp", url: "https://www.instagram.com/" + kind + "/" + id + "/" };
}
