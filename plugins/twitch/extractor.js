// Twitch clips, from Twitch's web GraphQL endpoint with the public web client id. One batched POST asks for:
//  1. the persisted query VideoAccessToken_Clip: the playback access token (signature + value) and the video qualities;
//  2. the clip's metadata (title, broadcaster, curator, length, thumbnail).
// A quality's sourceURL plays only with the token appended as ?sig=...&token=... (both URL-encoded).

const GQL = "https://gql.twitch.tv/gql";
const CLIENT_ID = "kimne78kx3ncx6brgo4mv6wki5h1ko";
// sha256 of the web client's VideoAccessToken_Clip query, as yt-dlp's twitch extractor registers it.
const ACCESS_TOKEN_HASH = "36b89d2507fce29e5ca551df756d27c1cfe079e2609642b4390aa4c35796eb11";
const SLUG = /^[A-Za-z0-9_-]{1,100}$/;

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

function metadataQuery(slug) {
  // The slug is checked against SLUG before it gets here, so it cannot break out of the string literal.
  return "query ClipMetadata {\n" +
    "  clip(slug: \"" + slug + "\") {\n" +
    "    id slug title createdAt durationSeconds viewCount\n" +
    "    broadcaster { id login displayName }\n" +
    "    curator { id login displayName }\n" +
    "    game { id name }\n" +
    "    thumbnailURL(width: 480, height: 272)\n" +
    "    videoQualities { frameRate quality sourceURL }\n" +
    "  }\n" +
    "}";
}

// The token's value is itself JSON; a refusal (geo, sub-only VOD source...) shows up as authorization.forbidden.
function checkAuthorization(token, slug) {
  let value;
  try {
    value = JSON.parse(token.value);
  } catch (e) {
    return;
  }
  const authorization = isObject(value) ? value.authorization : null;
  if (isObject(authorization) && authorization.forbidden) {
    const reason = String(authorization.reason || "");
    if (/geo|country|region/i.test(reason)) fail("GeoBlocked", "Twitch refused clip " + slug + ": " + reason);
    fail("LoginRequired", "Twitch refused clip " + slug + ": " + (reason || "forbidden"));
  }
}

function withToken(url, token) {
  return url + (url.indexOf("?") >= 0 ? "&" : "?") +
    "sig=" + encodeURIComponent(token.signature) + "&token=" + encodeURIComponent(token.value);
}

// Retry-After in seconds, when the site sent one.
function retryAfter(response) {
  const seconds = Number(response.headers["retry-after"]);
  return isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

async function extract(request) {
  const slug = request.match.id;
  if (!slug || !SLUG.test(slug)) fail("UnsupportedUrl", "no Twitch clip slug in " + request.url);

  const response = await http.fetch(GQL, {
    method: "POST",
    headers: { "Client-ID": CLIENT_ID, Accept: "application/json" },
    json: [
      {
        operationName: "VideoAccessToken_Clip",
        variables: { slug: slug },
        extensions: { persistedQuery: { version: 1, sha256Hash: ACCESS_TOKEN_HASH } },
      },
      { query: metadataQuery(slug) },
    ],
  });
  if (response.status === 429) fail("RateLimited", "Twitch GQL answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Twitch GQL answered " + response.status);
  if (!response.ok) fail("SiteChanged", "Twitch GQL answered " + response.status);

  const results = response.json();
  if (!Array.isArray(results) || results.length < 2) fail("SiteChanged", "Twitch GQL did not answer the two batched operations");
  for (const result of results) {
    if (isObject(result) && Array.isArray(result.errors) && result.errors.length) {
      // PersistedQueryNotFound means the web client's query hash changed.
      fail("SiteChanged", "Twitch GQL error: " + result.errors.map((e) => e && e.message).join("; "));
    }
  }

  const access = isObject(results[0]) && isObject(results[0].data) ? results[0].data.clip : null;
  const clip = isObject(results[1]) && isObject(results[1].data) ? results[1].data.clip : null;
  if (!isObject(access) && !isObject(clip)) fail("NotFound", "Twitch has no clip " + slug);
  if (!isObject(access) || !isObject(access.playbackAccessToken)) fail("SiteChanged", "Twitch answered clip " + slug + " without a playback token");

  const token = access.playbackAccessToken;
  if (typeof token.signature !== "string" || typeof token.value !== "string") fail("SiteChanged", "Twitch playback token for " + slug + " is incomplete");
  checkAuthorization(token, slug);

  const info = isObject(clip) ? clip : {};
  const qualities = Array.isArray(access.videoQualities) && access.videoQualities.length ? access.videoQualities : info.videoQualities;
  const formats = [];
  for (const quality of Array.isArray(qualities) ? qualities : []) {
    if (!isObject(quality)) continue;
    const source = httpsUrl(quality.sourceURL);
    if (!source) continue;
    formats.push({
      formatId: String(quality.quality || "") + (positive(quality.frameRate) ? "p" + Math.round(quality.frameRate) : ""),
      url: withToken(source, token),
      container: "mp4",
      height: positive(quality.quality),
    });
  }
  if (formats.length === 0) fail("NoMedia", "Twitch clip " + slug + " has no video quality");

  const broadcaster = isObject(info.broadcaster) ? info.broadcaster : {};
  const duration = positive(info.durationSeconds);
  const thumbnail = httpsUrl(info.thumbnailURL);
  const channel = broadcaster.login || request.match.channel;
  return {
    id: slug,
    title: typeof info.title === "string" && info.title.trim() ? info.title.trim() : undefined,
    uploader: broadcaster.displayName || broadcaster.login || undefined,
    duration: duration,
    thumbnail: thumbnail,
    canonicalUrl: channel ? "https://www.twitch.tv/" + channel + "/clip/" + slug : "https://clips.twitch.tv/" + slug,
    publishedAt: typeof info.createdAt === "string" ? info.createdAt : undefined,
    items: [{ kind: "video", id: typeof info.id === "string" ? info.id : undefined, duration: duration, thumbnail: thumbnail, formats: formats }],
  };
}
