// LinkedIn: a post's video is handed to yt-dlp by the post's URL. /posts/SLUG-ID-XXXX links are passed on with their
// slug (LinkedIn needs the whole slug, and every yt-dlp release knows the form); feed and embed links become
// /feed/update/urn:li:activity:ID/, which yt-dlp matches from its 2024 releases on.

function extract(request) {
  // A LinkedIn Live event (events/[SLUG]ID/) is a page of its own; yt-dlp's linkedin:events extractor reads its stream.
  if (request.match.form === "events") {
    const event = request.match.id;
    if (typeof event !== "string" || !/^[A-Za-z0-9-]{0,200}\d{10,25}$/.test(event)) fail("UnsupportedUrl", "no LinkedIn event in " + request.url);
    return { delegate: "yt-dlp", url: "https://www.linkedin.com/events/" + event + "/comments/" };
  }

  const id = request.match.id;
  if (typeof id !== "string" || !/^\d{10,25}$/.test(id)) {
    fail("UnsupportedUrl", "no LinkedIn post id in " + request.url);
  }

  const slug = request.match.slug;
  if (typeof slug === "string" && slug.length > 0) {
    return { delegate: "yt-dlp", url: "https://www.linkedin.com/posts/" + slug + "/" };
  }
  return { delegate: "yt-dlp", url: "https://www.linkedin.com/feed/update/urn:li:activity:" + id + "/" };
}
