// Dailymotion videos, from the player's metadata endpoint (www.dailymotion.com/player/metadata/video/{xid}):
// title, owner, duration, posters and the stream qualities ("auto" is an HLS master playlist).
// Access problems come back as an `error` object whose `code` is one of the player's DMxxx codes.

const METADATA = "https://www.dailymotion.com/player/metadata/video/";

// The player's access error codes, by what they mean for a user.
const GEO_CODES = ["DM007", "DM013"];
const PRIVATE_CODES = ["DM010"];
const GONE_CODES = ["DM001", "DM002", "DM004", "DM005"];
const AGE_CODES = ["DM008", "DM009"];
const NOT_READY_CODES = ["DM006", "DM011", "DM012"];

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function positive(value) {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && isFinite(n) && n > 0 ? n : undefined;
}

function httpsUrl(value) {
  return typeof value === "string" && /^https:\/\//.test(value) ? value : undefined;
}

function failOnError(error, id, status) {
  const code = typeof error.code === "string" ? error.code.toUpperCase() : String(error.code || "");
  const text = error.title || error.raw_message || error.message || code;
  const detail = "Dailymotion " + id + ": " + text + " (" + code + ")";
  if (GEO_CODES.indexOf(code) >= 0) fail("GeoBlocked", detail);
  if (PRIVATE_CODES.indexOf(code) >= 0 || error.type === "password_protected") fail("LoginRequired", detail);
  if (GONE_CODES.indexOf(code) >= 0) fail("NotFound", detail);
  if (AGE_CODES.indexOf(code) >= 0) fail("AgeRestricted", detail);
  if (NOT_READY_CODES.indexOf(code) >= 0) fail("NoMedia", detail);
  // An unknown code: fall back on the HTTP status the error carries.
  const effective = positive(error.status_code) || positive(error.code) || status;
  if (effective === 403 || effective === 401) fail("LoginRequired", detail);
  if (effective === 404 || effective === 410) fail("NotFound", detail);
  fail("SiteChanged", "unrecognised " + detail);
}

function formatsOf(qualities, id) {
  const formats = [];
  for (const key of Object.keys(qualities)) {
    const list = qualities[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (!isObject(entry)) continue;
      const url = httpsUrl(entry.url);
      if (!url) continue;
      if (entry.type === "application/x-mpegURL") {
        formats.push({ formatId: "hls-" + key, url: url, protocol: "hls", container: "mp4" });
      } else if (entry.type === "video/mp4") {
        // Progressive files name their size in the path: /H264-1280x720/.
        const size = /\/H264-(\d+)x(\d+)/.exec(url);
        formats.push({
          formatId: "http-" + key, url: url, container: "mp4",
          width: size ? Number(size[1]) : undefined,
          height: size ? Number(size[2]) : positive(key),
        });
      }
    }
  }
  if (formats.length === 0) fail("NoMedia", "Dailymotion " + id + " lists no playable quality");
  return formats;
}

function posterOf(posters) {
  if (!isObject(posters)) return undefined;
  let best;
  let bestHeight = 0;
  for (const key of Object.keys(posters)) {
    const height = positive(key) || 0;
    const url = httpsUrl(posters[key]);
    if (url && height >= bestHeight) {
      best = url;
      bestHeight = height;
    }
  }
  return best;
}

// Retry-After in seconds, when the site sent one.
function retryAfter(response) {
  const seconds = Number(response.headers["retry-after"]);
  return isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

async function extract(request) {
  const id = request.match.id;
  if (!id) fail("UnsupportedUrl", "no Dailymotion video id in " + request.url);

  const response = await http.fetch(METADATA + encodeURIComponent(id), { headers: { Accept: "application/json" } });
  if (response.status === 429) fail("RateLimited", "Dailymotion answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Dailymotion answered " + response.status);
  let metadata;
  try {
    metadata = response.json();
  } catch (e) {
    if (response.status === 404) fail("NotFound", "Dailymotion has no video " + id);
    throw e;
  }
  if (!isObject(metadata)) fail("SiteChanged", "Dailymotion metadata for " + id + " is not an object");
  if (isObject(metadata.error)) failOnError(metadata.error, id, response.status);
  if (!response.ok) fail(response.status === 404 ? "NotFound" : "SiteChanged", "Dailymotion answered " + response.status + " for " + id);
  if (!isObject(metadata.qualities)) fail("SiteChanged", "Dailymotion metadata for " + id + " has no qualities");

  const formats = formatsOf(metadata.qualities, id);
  const owner = isObject(metadata.owner) ? metadata.owner : {};
  const duration = positive(metadata.duration);
  const thumbnail = posterOf(metadata.posters) || posterOf(metadata.thumbnails);
  const created = positive(metadata.created_time);
  const videoId = typeof metadata.id === "string" && metadata.id ? metadata.id : id;
  return {
    id: videoId,
    title: typeof metadata.title === "string" ? metadata.title : undefined,
    uploader: owner.screenname || owner.username || undefined,
    duration: duration,
    thumbnail: thumbnail,
    canonicalUrl: "https://www.dailymotion.com/video/" + videoId,
    publishedAt: created ? new Date(created * 1000).toISOString() : undefined,
    items: [{ kind: "video", duration: duration, thumbnail: thumbnail, formats: formats }],
  };
}
