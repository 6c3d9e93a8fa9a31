// Dailymotion videos, from the player's metadata endpoint (www.dailymotion.com/player/metadata/video/{xid}), asked as
// the web app asks it (app=com.dailymotion.neon, as yt-dlp does): title, owner, duration, posters and the stream
// qualities ("auto" is an HLS master playlist). Access problems come back as an `error` object whose `code` is one of
// the player's DMxxx codes.
// Since 2026 the HLS manifest may answer 403 depending on the request's header fingerprint (yt-dlp randomizes headers,
// then impersonates a browser). The script reads the manifest once: a refusal hands the video to yt-dlp, an answer
// gives the renditions' sizes.

const METADATA = "https://www.dailymotion.com/player/metadata/video/";
const APP = "com.dailymotion.neon";
// The only host the script may read manifests from (permissions.network); others are left to the downloader.
const MANIFEST_HOST = /^https:\/\/www\.dailymotion\.com\//;

// The player's access error codes, by what they mean for a user.
const GEO_CODES = ["DM007", "DM013"];
const PRIVATE_CODES = ["DM010"];
const GONE_CODES = ["DM001", "DM002", "DM004", "DM005"];
const AGE_CODES = ["DM008", "DM009"];
const NOT_READY_CODES = ["DM006", "DM011", "DM012"];

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

// The largest rendition a master playlist lists (RESOLUTION=WxH), to size the HLS format.
function largestVariant(playlist) {
  let best = null;
  const pattern = /#EXT-X-STREAM-INF:[^\n]*?RESOLUTION=(\d+)x(\d+)/g;
  let match;
  let count = 0;
  while ((match = pattern.exec(playlist)) !== null && count++ < 200) {
    const width = Number(match[1]);
    const height = Number(match[2]);
    if (!best || height > best.height) best = { width: width, height: height };
  }
  return best;
}

// Reads the HLS master the formats point to. Returns false when Dailymotion refuses it to us.
async function checkManifest(format, id) {
  if (!MANIFEST_HOST.test(format.url)) return true;
  const response = await http.fetch(format.url, { headers: { Accept: "application/vnd.apple.mpegurl, */*", Referer: "https://www.dailymotion.com/" } });
  if (response.status === 401 || response.status === 403) {
    log.info("Dailymotion refused the HLS manifest of " + id + " (" + response.status + ")");
    return false;
  }
  if (response.status === 404 || response.status === 410) fail("NotFound", "Dailymotion has no stream for " + id);
  if (response.status === 429) fail("RateLimited", "Dailymotion answered 429 for the manifest", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Dailymotion answered " + response.status + " for the manifest of " + id);
  if (!response.ok) fail("SiteChanged", "Dailymotion answered " + response.status + " for the manifest of " + id);
  const body = response.text();
  if (body.indexOf("#EXTM3U") < 0) fail("SiteChanged", "the HLS manifest of " + id + " is not a playlist");
  const largest = largestVariant(body);
  if (largest) {
    format.width = largest.width;
    format.height = largest.height;
  }
  return true;
}

async function extract(request) {
  const id = request.match.id;
  if (!id) fail("UnsupportedUrl", "no Dailymotion video id in " + request.url);

  const response = await http.fetch(METADATA + encodeURIComponent(id) + "?app=" + APP, { headers: { Accept: "application/json" } });
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
  const videoId = typeof metadata.id === "string" && metadata.id ? metadata.id : id;
  const canonicalUrl = "https://www.dailymotion.com/video/" + videoId;
  const hls = formats.filter((f) => f.protocol === "hls");
  if (hls.length && hls.length === formats.length && !(await checkManifest(hls[0], id))) {
    // Only HLS, and refused to us: yt-dlp varies its headers and can impersonate a browser.
    return { delegate: "yt-dlp", url: canonicalUrl };
  }
  const owner = isObject(metadata.owner) ? metadata.owner : {};
  const duration = positive(metadata.duration);
  const thumbnail = posterOf(metadata.posters) || posterOf(metadata.thumbnails);
  const created = positive(metadata.created_time);
  return {
    id: videoId,
    title: typeof metadata.title === "string" ? metadata.title : undefined,
    uploader: owner.screenname || owner.username || undefined,
    duration: duration,
    thumbnail: thumbnail,
    canonicalUrl: canonicalUrl,
    publishedAt: created ? new Date(created * 1000).toISOString() : undefined,
    items: [{ kind: "video", duration: duration, thumbnail: thumbnail, formats: formats }],
  };
}
