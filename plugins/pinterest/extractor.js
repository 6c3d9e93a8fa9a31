// Pinterest pins, from the web app's resource API: /resource/PinResource/get/?data={"options":{"id","field_set_key"}}
// with the unauthenticated field set. resource_response.data is the pin: videos.video_list (V_720P... MP4s with
// duration in ms, V_HLSV4... playlists), story_pin_data.pages[].blocks[] (idea pins: video or image blocks),
// images.orig (an image pin), title / grid_title, pinner.username.

const API = "https://www.pinterest.com/resource/PinResource/get/";

function videoItem(videoList) {
  if (!isObject(videoList)) return null;
  const formats = [];
  const seen = {};
  let durationMs;
  let thumbnail;
  for (const key of Object.keys(videoList)) {
    const entry = videoList[key];
    const url = isObject(entry) ? httpsUrl(entry.url) : undefined;
    if (!url || seen[url]) continue;
    seen[url] = true;
    const hls = /HLS/i.test(key) || /\.m3u8(?:[?#]|$)/.test(url);
    formats.push({
      formatId: key,
      url: url,
      protocol: hls ? "hls" : "http",
      container: "mp4",
      width: positive(entry.width),
      height: positive(entry.height),
    });
    durationMs = durationMs || positive(entry.duration);
    thumbnail = thumbnail || httpsUrl(entry.thumbnail);
  }
  if (formats.length === 0) return null;
  const duration = durationMs ? durationMs / 1000 : undefined;
  return { kind: "video", duration: duration, thumbnail: thumbnail, formats: formats };
}

function imageItem(images) {
  if (!isObject(images)) return null;
  const original = isObject(images.orig) ? images.orig : isObject(images.originals) ? images.originals : null;
  const url = original ? httpsUrl(original.url) : undefined;
  if (!url) return null;
  const extension = (/\.([a-z0-9]+)(?:[?#]|$)/i.exec(url) || [null, "jpg"])[1].toLowerCase();
  return {
    kind: extension === "gif" ? "animation" : "image",
    formats: [{ formatId: "orig", url: url, container: extension === "jpeg" ? "jpg" : extension, width: positive(original.width), height: positive(original.height) }],
  };
}

// An idea pin (story pin) is pages of blocks; each page shows one video or image.
function storyItems(story) {
  const items = [];
  const pages = isObject(story) && Array.isArray(story.pages) ? story.pages : [];
  for (const page of pages) {
    for (const block of isObject(page) && Array.isArray(page.blocks) ? page.blocks : []) {
      if (!isObject(block)) continue;
      const item = isObject(block.video) ? videoItem(block.video.video_list) : isObject(block.image) ? imageItem(block.image.images) : null;
      if (item) items.push(item);
    }
  }
  return items;
}

function failOnResponse(response, body, id) {
  const resource = isObject(body) && isObject(body.resource_response) ? body.resource_response : {};
  const status = positive(resource.http_status) || response.status;
  const error = isObject(resource.error) ? resource.error : {};
  const message = resource.message || error.message || "";
  if (status === 404 || /not found/i.test(message)) fail("NotFound", "Pinterest has no pin " + id + (message ? ": " + message : ""));
  if (status === 401 || status === 403) fail("LoginRequired", "Pinterest refused pin " + id + (message ? ": " + message : ""));
  if (status === 429) fail("RateLimited", "Pinterest answered 429", { retryAfterSeconds: retryAfter(response) });
  if (status >= 500) fail("Network", "Pinterest answered " + status);
  fail("SiteChanged", "Pinterest answered " + status + " for pin " + id + (message ? ": " + message : ""));
}

async function extract(request) {
  const id = request.match.id;
  if (!id) fail("UnsupportedUrl", "no pin id in " + request.url);

  const data = JSON.stringify({ options: { id: id, field_set_key: "unauth_react_main_pin" } });
  const response = await http.fetch(API + "?data=" + encodeURIComponent(data), {
    headers: { Accept: "application/json", "X-Pinterest-PWS-Handler": "www/[username].js", "X-Requested-With": "XMLHttpRequest" },
  });
  let body;
  try {
    body = response.json();
  } catch (e) {
    if (!response.ok) failOnResponse(response, null, id);
    throw e;
  }
  const resource = isObject(body) ? body.resource_response : null;
  if (!response.ok || !isObject(resource) || resource.status === "failure") failOnResponse(response, body, id);
  const pin = resource.data;
  if (!isObject(pin)) fail("NotFound", "Pinterest answered no data for pin " + id);

  let items = [];
  const video = isObject(pin.videos) ? videoItem(pin.videos.video_list) : null;
  if (video) items.push(video);
  if (items.length === 0) items = storyItems(pin.story_pin_data);
  if (items.length === 0) {
    const image = imageItem(pin.images);
    if (image) items.push(image);
  }
  if (items.length === 0) {
    const embed = isObject(pin.embed) ? pin.embed.src : undefined;
    if (embed) fail("NoMedia", "pin " + id + " embeds media from elsewhere: " + embed);
    fail("NoMedia", "pin " + id + " has no video or image");
  }

  const title = [pin.title, pin.grid_title, pin.seo_title].find((t) => typeof t === "string" && t.trim());
  const description = [pin.description, pin.seo_description].find((t) => typeof t === "string" && t.trim());
  const pinner = isObject(pin.pinner) ? pin.pinner : {};
  const attribution = isObject(pin.closeup_attribution) ? pin.closeup_attribution : {};
  const created = typeof pin.created_at === "string" ? new Date(pin.created_at) : null;
  const poster = isObject(pin.images) && isObject(pin.images.orig) ? httpsUrl(pin.images.orig.url) : undefined;
  return {
    id: String(pin.id || id),
    title: title ? title.trim() : undefined,
    description: description ? description.trim() : undefined,
    uploader: pinner.username || attribution.username || pinner.full_name || undefined,
    duration: items.length === 1 ? items[0].duration : undefined,
    thumbnail: items[0].thumbnail || poster,
    canonicalUrl: "https://www.pinterest.com/pin/" + (pin.id || id) + "/",
    publishedAt: created && !isNaN(created.getTime()) ? created.toISOString() : undefined,
    items: items,
  };
}
