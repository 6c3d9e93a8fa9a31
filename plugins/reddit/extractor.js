// Reddit posts: hosted videos (v.redd.it), images (i.redd.it), galleries and videos embedded in text posts,
// from the post's public JSON listing (https://www.reddit.com/comments/{id}/.json).
// `raw_json=1` makes Reddit return URLs without HTML escaping (&amp;), so they can be used as they are.

const ORIGIN = "https://www.reddit.com";

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function positive(value) {
  return typeof value === "number" && isFinite(value) && value > 0 ? value : undefined;
}

function httpsUrl(value) {
  return typeof value === "string" && /^https:\/\//.test(value) ? value : undefined;
}

// Retry-After in seconds, when the site sent one.
function retryAfter(response) {
  const seconds = Number(response.headers["retry-after"]);
  return isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

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

async function extract(request) {
  // Share links (/r/x/s/CODE, redd.it, v.redd.it) arrive here already resolved by the host (resolveRedirects, shortLinks).
  const id = (request.match.id || "").toLowerCase();
  if (!id) fail("UnsupportedUrl", "no Reddit post id in " + request.url);

  const response = await http.fetch(ORIGIN + "/comments/" + id + "/.json?raw_json=1", { headers: { Accept: "application/json" } });
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
