// Reddit posts: hosted videos (v.redd.it), images (i.redd.it), galleries and videos embedded in text posts,
// from the post's JSON listing (/comments/{id}/.json).
// `raw_json=1` makes Reddit return URLs without HTML escaping (&amp;), so they can be used as they are.
//
// Since mid-2026 www.reddit.com refuses the JSON API to requests without a session cookie. Two ways in:
//  - anonymous (default): first a page that sets the `loid` cookie: old.reddit.com, or, when that sets none,
//    /svc/shreddit/{slug} (the order yt-dlp uses). The host keeps cookies for the rest of the run (per-run jar,
//    scoped to this plugin's permitted hosts), so the JSON request that follows carries them; the script only asks the
//    jar (http.cookies) whether a session is there, and skips both pages when the operator's cookies already give one.
//  - app-only OAuth, when the operator sets `clientId` (and `clientSecret` for a "script"/"web" app): a token from
//    www.reddit.com/api/v1/access_token (client_credentials, or installed_client without a secret, as gallery-dl),
//    then the same listing from oauth.reddit.com with the bearer token, as cobalt and gallery-dl do.

const ORIGIN = "https://www.reddit.com";
const OAUTH_ORIGIN = "https://oauth.reddit.com";
const SESSION_PAGE = "https://old.reddit.com/";
const TOKEN_URL = "https://www.reddit.com/api/v1/access_token";
const INSTALLED_CLIENT_GRANT = "https://oauth.reddit.com/grants/installed_client";

function checkStatus(response, id) {
  if (response.ok) return;
  let reason;
  try {
    const body = response.json();
    reason = isObject(body) ? body.reason : undefined;
  } catch (e) {
    reason = undefined;
  }
  if (response.status === 403) {
    // Private and quarantined subreddits answer 403 with a JSON reason; a 403 page means the API refused us outright.
    if (reason === "private") fail("LoginRequired", "post " + id + " is in a private subreddit");
    if (reason === "quarantined") fail("LoginRequired", "post " + id + " is in a quarantined subreddit");
    if (reason === "gold_only") fail("LoginRequired", "post " + id + " is in a premium-only subreddit");
    fail("LoginRequired", "Reddit refused the JSON API for " + id + " (reason: " + (reason || "none") + ")");
  }
  if (response.status === 404) fail("NotFound", "Reddit has no post " + id + (reason ? " (" + reason + ")" : ""));
  if (response.status === 451) fail("GeoBlocked", "Reddit withholds post " + id + " in this country");
  if (response.status === 429) fail("RateLimited", "Reddit answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Reddit answered " + response.status);
  fail("SiteChanged", "Reddit answered " + response.status + " for post " + id);
}

function firstPost(listing, id) {
  if (!Array.isArray(listing) || !isObject(listing[0]) || !isObject(listing[0].data)) {
    fail("SiteChanged", "Reddit JSON for " + id + " is not a listing pair");
  }
  const children = listing[0].data.children;
  if (!Array.isArray(children) || children.length === 0) fail("NotFound", "Reddit listing for " + id + " is empty");
  const post = children[0] && children[0].data;
  if (!isObject(post)) fail("SiteChanged", "Reddit listing for " + id + " has no post data");
  return post;
}

function redditVideoItem(video, id) {
  if (video.transcoding_status && video.transcoding_status !== "completed") {
    fail("NoMedia", "Reddit video " + id + " is still " + video.transcoding_status);
  }
  const width = positive(video.width);
  const height = positive(video.height);
  const formats = [];
  const hls = httpsUrl(video.hls_url);
  if (hls) formats.push({ formatId: "hls", url: hls, protocol: "hls", container: "mp4", width: width, height: height });
  const dash = httpsUrl(video.dash_url);
  if (dash) formats.push({ formatId: "dash", url: dash, protocol: "dash", container: "mp4", width: width, height: height });
  const fallback = httpsUrl(video.fallback_url);
  if (fallback) {
    // The fallback file is the DASH video track alone: Reddit serves the sound as a separate track.
    formats.push({
      formatId: "fallback", url: fallback, container: "mp4", videoCodec: "avc1", audioCodec: "none",
      width: width, height: height, bitrate: positive(video.bitrate_kbps) ? video.bitrate_kbps * 1000 : undefined,
    });
  }
  if (formats.length === 0) fail("NoMedia", "Reddit video " + id + " has no playable URL");
  const match = fallback ? /v\.redd\.it\/([A-Za-z0-9]+)/.exec(fallback) : null;
  return {
    kind: video.is_gif ? "animation" : "video",
    id: match ? match[1] : undefined,
    duration: positive(video.duration),
    formats: formats,
  };
}

const IMAGE_EXTENSIONS = { "image/jpg": "jpg", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif" };

// One entry of media_metadata: a gallery image, an animated image or a video embedded in a text post.
function metadataItem(media, caption) {
  if (!isObject(media) || media.status !== "valid") return null;
  const source = isObject(media.s) ? media.s : {};
  const width = positive(source.x);
  const height = positive(source.y);
  if (media.e === "Image") {
    const extension = IMAGE_EXTENSIONS[media.m] || "jpg";
    const formats = [{ formatId: "original", url: "https://i.redd.it/" + media.id + "." + extension, container: extension, width: width, height: height }];
    const preview = httpsUrl(source.u);
    if (preview) formats.push({ formatId: "preview", url: preview, container: extension, width: width, height: height });
    return { kind: "image", id: media.id, title: caption, formats: formats };
  }
  if (media.e === "AnimatedImage") {
    const formats = [];
    const mp4 = httpsUrl(source.mp4);
    if (mp4) formats.push({ formatId: "mp4", url: mp4, container: "mp4", audioCodec: "none", width: width, height: height });
    const gif = httpsUrl(source.gif);
    if (gif) formats.push({ formatId: "gif", url: gif, container: "gif", audioCodec: "none", width: width, height: height });
    return formats.length ? { kind: "animation", id: media.id, title: caption, formats: formats } : null;
  }
  if (media.e === "RedditVideo") {
    const formats = [];
    const hls = httpsUrl(media.hlsUrl);
    if (hls) formats.push({ formatId: "hls", url: hls, protocol: "hls", container: "mp4", width: width, height: height });
    const dash = httpsUrl(media.dashUrl);
    if (dash) formats.push({ formatId: "dash", url: dash, protocol: "dash", container: "mp4", width: width, height: height });
    return formats.length ? { kind: media.isGif ? "animation" : "video", id: media.id, title: caption, formats: formats } : null;
  }
  return null;
}

function galleryItems(post) {
  const metadata = isObject(post.media_metadata) ? post.media_metadata : {};
  const items = [];
  const ordered = isObject(post.gallery_data) && Array.isArray(post.gallery_data.items) ? post.gallery_data.items : null;
  if (ordered) {
    for (const entry of ordered) {
      const item = metadataItem(metadata[entry.media_id], typeof entry.caption === "string" ? entry.caption : undefined);
      if (item) items.push(item);
    }
  } else {
    // Text posts with inline media have media_metadata but no gallery_data order.
    for (const key of Object.keys(metadata)) {
      const item = metadataItem(metadata[key], undefined);
      if (item) items.push(item);
    }
  }
  return items;
}

function singleImageItem(post) {
  const url = httpsUrl(post.url_overridden_by_dest) || httpsUrl(post.url);
  if (!url || !/^https:\/\/i\.redd\.it\//.test(url)) return null;
  const source = post.preview && Array.isArray(post.preview.images) && post.preview.images[0] ? post.preview.images[0] : null;
  const width = source && source.source ? positive(source.source.width) : undefined;
  const height = source && source.source ? positive(source.source.height) : undefined;
  const extension = (/\.([a-z0-9]+)$/i.exec(url) || [null, "jpg"])[1].toLowerCase();
  if (extension === "gif") {
    const formats = [];
    const mp4 = source && source.variants && source.variants.mp4 && source.variants.mp4.source ? httpsUrl(source.variants.mp4.source.url) : undefined;
    if (mp4) formats.push({ formatId: "mp4", url: mp4, container: "mp4", audioCodec: "none", width: width, height: height });
    formats.push({ formatId: "gif", url: url, container: "gif", audioCodec: "none", width: width, height: height });
    return { kind: "animation", formats: formats };
  }
  return { kind: "image", formats: [{ formatId: "original", url: url, container: extension === "jpeg" ? "jpg" : extension, width: width, height: height }] };
}

function mediaOf(post, id) {
  const video = (isObject(post.secure_media) && post.secure_media.reddit_video) || (isObject(post.media) && post.media.reddit_video);
  if (isObject(video)) return [redditVideoItem(video, id)];
  if (post.is_gallery || isObject(post.media_metadata)) {
    const items = galleryItems(post);
    if (items.length) return items;
  }
  const image = singleImageItem(post);
  if (image) return [image];
  return [];
}

function thumbnailOf(post) {
  const images = post.preview && Array.isArray(post.preview.images) ? post.preview.images : [];
  if (images[0] && images[0].source) return httpsUrl(images[0].source.url);
  return httpsUrl(post.thumbnail);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Base64 of a string's UTF-8 bytes, for HTTP Basic credentials (the sandbox has no btoa).
function base64(text) {
  const bytes = [];
  const utf8 = encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (m, hex) => String.fromCharCode(parseInt(hex, 16)));
  for (let i = 0; i < utf8.length; i++) bytes.push(utf8.charCodeAt(i));
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? BASE64[n & 63] : "=";
  }
  return out;
}

function setting(name) {
  return typeof settings[name] === "string" ? settings[name].trim() : "";
}

// A request that may fail without failing the extraction (yt-dlp's fatal=False): only network trouble is swallowed.
async function tolerantFetch(url, options) {
  try {
    return await http.fetch(url, options);
  } catch (e) {
    if (e && e.kind === "Network") {
      log.info("Reddit session request to " + url + " failed: " + e.message);
      return null;
    }
    throw e;
  }
}

// What the run's cookie jar would send to www.reddit.com: Reddit's cookies are set for `.reddit.com`, so one set by
// old.reddit.com or /svc/shreddit is there too, as are the operator's (YtDlp:Cookies:reddit), which the jar starts with.
function redditCookies() {
  return http.cookies(ORIGIN + "/");
}

// A logged-in session (`reddit_session`, from the operator's cookies) or an anonymous one (`loid`), as yt-dlp checks its jar.
function hasSession() {
  const cookies = redditCookies();
  return !!(cookies.reddit_session || cookies.loid);
}

// The anonymous session: a page that sets `loid`. The host's per-run jar keeps it and sends it with the JSON request;
// the script carries no Cookie header itself.
async function openSession(slug, postUrl) {
  if (hasSession()) return true;
  await tolerantFetch(SESSION_PAGE, { headers: { Accept: "text/html" } });
  if (hasSession()) return true;
  // yt-dlp's fallback when old.reddit.com gave no session.
  const shreddit = ORIGIN + "/svc/shreddit/" + slug + "?seeker-session=false&render-mode=partial&referer=" + encodeURIComponent(postUrl);
  await tolerantFetch(shreddit, { headers: { Accept: "text/html" } });
  if (hasSession()) return true;
  log.warn("Reddit set no loid cookie on old.reddit.com nor on /svc/shreddit; the JSON API may refuse the request");
  return false;
}

// Reddit's API rules ask OAuth clients for a User-Agent of their own ("<platform>:<app id>:<version> (by /u/name)").
function apiHeaders(headers) {
  if (setting("userAgent")) headers["User-Agent"] = setting("userAgent");
  return headers;
}

// An app-only OAuth token, when the operator configured a Reddit app; null otherwise.
async function appToken() {
  const clientId = setting("clientId");
  if (!clientId) return null;
  const clientSecret = setting("clientSecret");
  const body = clientSecret
    ? "grant_type=client_credentials"
    : "grant_type=" + encodeURIComponent(INSTALLED_CLIENT_GRANT) + "&device_id=DO_NOT_TRACK_THIS_DEVICE";
  const response = await http.fetch(TOKEN_URL, {
    method: "POST",
    headers: apiHeaders({
      Authorization: "Basic " + base64(clientId + ":" + clientSecret),
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    }),
    body: body,
  });
  if (response.status === 429) fail("RateLimited", "Reddit's token endpoint answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Reddit's token endpoint answered " + response.status);
  let answer = null;
  try {
    answer = response.json();
  } catch (e) {
    answer = null;
  }
  const token = isObject(answer) && typeof answer.access_token === "string" ? answer.access_token : "";
  if (!response.ok || !token) {
    // Wrong credentials are the operator's to fix; the user still gets the post through the anonymous session.
    const reason = isObject(answer) ? answer.error || answer.message : undefined;
    log.warn("Reddit refused the app credentials (" + response.status + (reason ? ", " + reason : "") + "); using an anonymous session");
    return null;
  }
  return token;
}

function slugOf(match, id) {
  if (!match.sub) return "comments/" + id;
  return (match.section === "r" ? "r" : "user") + "/" + match.sub + "/comments/" + id;
}

async function listing(request, id) {
  const token = await appToken();
  if (token) {
    const headers = apiHeaders({ Accept: "application/json", Authorization: "Bearer " + token });
    return { response: await http.fetch(OAUTH_ORIGIN + "/comments/" + id + "/.json?raw_json=1", { headers: headers }), session: true };
  }
  const session = await openSession(slugOf(request.match, id), request.url);
  const response = await http.fetch(ORIGIN + "/comments/" + id + "/.json?raw_json=1", { headers: { Accept: "application/json" } });
  return { response: response, session: session };
}

function isHtml(response) {
  return /html/i.test(response.headers["content-type"] || "") || /^\s*</.test(response.text().substring(0, 64));
}

async function extract(request) {
  // Share links (/r/x/s/CODE, redd.it, v.redd.it) arrive here already resolved by the host (resolveRedirects, shortLinks).
  const id = (request.match.id || "").toLowerCase();
  if (!id) fail("UnsupportedUrl", "no Reddit post id in " + request.url);

  const { response, session } = await listing(request, id);
  // Without a session Reddit answers the JSON API with an HTML page (a block or login page), whatever the status.
  if (response.status !== 429 && response.status < 500 && isHtml(response)) {
    const why = !session ? "Reddit gave no session cookie (loid) and" : "Reddit";
    fail("LoginRequired", why + " answered the JSON API for " + id + " with a page (" + response.status + "): it wants a session or a login");
  }
  checkStatus(response, id);
  const post = firstPost(response.json(), id);

  if (post.removed_by_category) fail("NotFound", "Reddit post " + id + " was removed (" + post.removed_by_category + ")");

  // A crosspost carries no media of its own: it lives on the original post.
  let items = mediaOf(post, id);
  if (items.length === 0 && Array.isArray(post.crosspost_parent_list)) {
    for (const parent of post.crosspost_parent_list) {
      if (isObject(parent)) items = mediaOf(parent, id);
      if (items.length) break;
    }
  }
  if (items.length === 0) {
    const target = typeof post.url === "string" ? post.url : "";
    if (post.is_self || !target) fail("NoMedia", "Reddit post " + id + " is text only");
    fail("NoMedia", "Reddit post " + id + " links to media outside Reddit: " + target);
  }

  const selftext = typeof post.selftext === "string" && post.selftext.trim() ? post.selftext.trim() : undefined;
  const created = positive(post.created_utc);
  return {
    id: id,
    title: typeof post.title === "string" ? post.title : undefined,
    description: selftext,
    uploader: typeof post.author === "string" && post.author !== "[deleted]" ? post.author : undefined,
    duration: items.length === 1 ? items[0].duration : undefined,
    thumbnail: thumbnailOf(post),
    canonicalUrl: typeof post.permalink === "string" ? ORIGIN + post.permalink : ORIGIN + "/comments/" + id + "/",
    publishedAt: created ? new Date(created * 1000).toISOString() : undefined,
    items: items,
  };
}
