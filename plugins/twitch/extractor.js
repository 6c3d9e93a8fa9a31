// Twitch clips, from Twitch's web GraphQL endpoint. One batched POST asks two persisted queries:
//  1. ShareClipRenderStatus (as yt-dlp, 2026): the clip's metadata, its playback access token, and its renditions as
//     clip.assets[] (the first asset is the default framing, the second a portrait crop) with videoQualities each;
//  2. VideoAccessToken_Clip with platform "web" (as streamlink, 2025-12): the token and the videoQualities alone.
// Either one is enough: an operation that fails (a rotated hash answers PersistedQueryNotFound) is logged and the other
// one is used. The hashes and the client id are settings, so an operator can follow a rotation without a new version.
// A quality's sourceURL plays only with the token appended as ?sig=...&token=... (both URL-encoded).

const GQL = "https://gql.twitch.tv/gql";
const SLUG = /^[A-Za-z0-9_-]{1,100}$/;

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

function setting(name) {
  const value = typeof settings[name] === "string" ? settings[name].trim() : "";
  // A blank setting is the operator's mistake, not the site's: a plain Error ends the run as a plugin fault.
  if (!value) throw new Error("the twitch plugin's setting " + name + " is empty (Plugins:Settings:twitch:" + name + ")");
  return value;
}

function operation(name, hash, variables) {
  return { operationName: name, variables: variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
}

// Twitch answers a batch in order and names each answer's operation in extensions.operationName.
function answerFor(results, index, name) {
  for (const result of results) {
    if (isObject(result) && isObject(result.extensions) && result.extensions.operationName === name) return result;
  }
  const positional = results[index];
  const named = isObject(positional) && isObject(positional.extensions) ? positional.extensions.operationName : undefined;
  return named === undefined || named === name ? positional : undefined;
}

// An operation's clip, null when Twitch says there is no such clip, undefined when the operation itself failed.
function clipOf(result, name, problems) {
  if (!isObject(result)) {
    problems.push(name + ": no answer");
    return undefined;
  }
  if (Array.isArray(result.errors) && result.errors.length) {
    problems.push(name + ": " + result.errors.map((e) => (isObject(e) ? e.message : String(e))).join("; "));
    return undefined;
  }
  if (!isObject(result.data) || !("clip" in result.data)) {
    problems.push(name + ": no data.clip");
    return undefined;
  }
  return isObject(result.data.clip) ? result.data.clip : null;
}

function qualityFormats(qualities, token) {
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
  return formats;
}

function validToken(clip) {
  const token = isObject(clip) ? clip.playbackAccessToken : null;
  return isObject(token) && typeof token.signature === "string" && typeof token.value === "string" ? token : null;
}

async function extract(request) {
  const slug = request.match.id;
  if (!slug || !SLUG.test(slug)) fail("UnsupportedUrl", "no Twitch clip slug in " + request.url);

  const response = await http.fetch(GQL, {
    method: "POST",
    headers: { "Client-ID": setting("clientId"), Accept: "application/json" },
    json: [
      operation("ShareClipRenderStatus", setting("shareClipRenderStatusHash"), { slug: slug }),
      operation("VideoAccessToken_Clip", setting("videoAccessTokenClipHash"), { slug: slug, platform: "web" }),
    ],
  });
  if (response.status === 429) fail("RateLimited", "Twitch GQL answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Twitch GQL answered " + response.status);
  if (!response.ok) fail("SiteChanged", "Twitch GQL answered " + response.status);

  const results = response.json();
  if (!Array.isArray(results)) fail("SiteChanged", "Twitch GQL did not answer the batch with a list");
  const problems = [];
  const share = clipOf(answerFor(results, 0, "ShareClipRenderStatus"), "ShareClipRenderStatus", problems);
  const access = clipOf(answerFor(results, 1, "VideoAccessToken_Clip"), "VideoAccessToken_Clip", problems);
  if (problems.length) log.warn("Twitch GQL: " + problems.join(" | "));
  if (share === undefined && access === undefined) fail("SiteChanged", "Twitch GQL failed every operation: " + problems.join(" | "));
  if (!share && !access) fail("NotFound", "Twitch has no clip " + slug);

  const token = validToken(share) || validToken(access);
  if (!token) fail("SiteChanged", "Twitch answered clip " + slug + " without a playback token");
  checkAuthorization(token, slug);

  const info = share || {};
  const assets = Array.isArray(info.assets) ? info.assets.filter(isObject) : [];
  let formats = assets.length ? qualityFormats(assets[0].videoQualities, token) : [];
  if (formats.length === 0) formats = qualityFormats(access && access.videoQualities, token);
  if (formats.length === 0) formats = qualityFormats(info.videoQualities, token);
  // assets[1], when present, is a portrait crop of the same clip: the default framing is the clip as it was made.
  if (formats.length === 0) fail("NoMedia", "Twitch clip " + slug + " has no video quality");

  const broadcaster = isObject(info.broadcaster) ? info.broadcaster : {};
  const duration = positive(info.durationSeconds);
  const thumbnail = (assets.length ? httpsUrl(assets[0].thumbnailURL) : undefined) || httpsUrl(info.thumbnailURL);
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
