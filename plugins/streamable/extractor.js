// Streamable: one video per link, described by the public API at api.streamable.com/videos/{id}.
// The API answers 404 for unknown or deleted videos and a numeric `status` for the upload pipeline:
// 0 uploading, 1 processing, 2 ready (at least one file), 3 failed.

const API = "https://api.streamable.com/videos/";

// Streamable hands out protocol-relative URLs ("//cdn-cf-east.streamable.com/...").
function absolute(url) {
  if (typeof url !== "string" || url.length === 0) return undefined;
  if (url.startsWith("//")) return "https:" + url;
  if (url.startsWith("https://") || url.startsWith("http://")) return url;
  return undefined;
}

function integer(value) {
  const n = positive(value);
  return n === undefined ? undefined : Math.round(n);
}

async function extract(request) {
  const id = request.match.id;
  if (!id) fail("UnsupportedUrl", "no video id in " + request.url);

  const response = await http.fetch(API + encodeURIComponent(id), { headers: { Accept: "application/json" } });
  if (response.status === 404) fail("NotFound", "Streamable has no video " + id);
  if (response.status === 429) fail("RateLimited", "Streamable API answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Streamable API answered " + response.status);
  if (!response.ok) fail("SiteChanged", "Streamable API answered " + response.status + " for " + id);

  const video = response.json();
  if (video === null || typeof video !== "object") fail("SiteChanged", "Streamable API did not answer an object");

  if (video.status === 0 || video.status === 1) fail("NoMedia", "Streamable video " + id + " is still uploading or processing");
  if (video.status === 3) fail("NotFound", "Streamable video " + id + " failed to process and is unavailable");

  const files = video.files;
  if (files === null || typeof files !== "object") fail("SiteChanged", "Streamable API answer has no files object");

  const formats = [];
  let duration;
  for (const key of Object.keys(files)) {
    const file = files[key];
    if (file === null || typeof file !== "object") continue;
    // A file that is still being transcoded carries a status other than 2 and no usable URL.
    if (typeof file.status === "number" && file.status !== 2) continue;
    const url = absolute(file.url);
    if (!url) continue;
    formats.push({
      formatId: key,
      url: url,
      container: "mp4",
      width: integer(file.width),
      height: integer(file.height),
      size: integer(file.size),
      bitrate: integer(file.bitrate),
    });
    duration = duration || positive(file.duration);
  }
  if (formats.length === 0) fail("NoMedia", "Streamable video " + id + " has no ready file");

  const title = typeof video.title === "string" && video.title.trim() ? video.title.trim() : undefined;
  const thumbnail = absolute(video.thumbnail_url);
  return {
    id: id,
    title: title,
    duration: duration,
    thumbnail: thumbnail,
    canonicalUrl: "https://streamable.com/" + id,
    items: [{ kind: "video", duration: duration, thumbnail: thumbnail, formats: formats }],
  };
}
