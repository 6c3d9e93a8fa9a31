// X (Twitter): every host and path form becomes https://twitter.com/i/status/ID for yt-dlp. twitter.com rather than
// x.com because yt-dlp releases before mid-2023 (Debian ships 2023.03.04) only match twitter.com, and every later
// release still does; "i" stands for any user, as yt-dlp's own pattern allows. A /video/N or /photo/N suffix picks one
// media item of a post with several, so it is kept.

function extract(request) {
  // A live broadcast (i/broadcasts/ID, Periscope's successor) is not a post: its id is its own, and yt-dlp's
  // twitter:broadcast extractor reads it.
  if (request.match.form === "broadcasts") {
    const broadcast = request.match.id;
    if (typeof broadcast !== "string" || !/^[A-Za-z0-9]{10,20}$/.test(broadcast)) fail("UnsupportedUrl", "no broadcast id in " + request.url);
    return { delegate: "yt-dlp", url: "https://twitter.com/i/broadcasts/" + broadcast };
  }

  const id = request.match.id;
  if (typeof id !== "string" || !/^\d{1,20}$/.test(id)) {
    fail("UnsupportedUrl", "no post id in " + request.url);
  }

  let url = "https://twitter.com/i/status/" + id;
  const media = request.match.media;
  const index = request.match.index;
  if ((media === "video" || media === "photo") && typeof index === "string" && /^[1-9]$/.test(index)) {
    url += "/" + media + "/" + index;
  }
  return { delegate: "yt-dlp", url: url };
}
