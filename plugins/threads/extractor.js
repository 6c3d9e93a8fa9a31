// Threads posts (threads.com, formerly threads.net). yt-dlp has no Threads extractor, so this reads the post page itself:
// the server embeds its Relay preloader payloads as <script type="application/json" data-sjs> blobs, and the post sits in
// .../result.data.data.edges[].node.thread_items[].post with Instagram's media fields:
// media_type (1 photo, 2 video, 8 carousel, 19 text), video_versions [{type, url}] (type 101 is the best),
// image_versions2.candidates [{url, width, height}] (largest first), carousel_media, caption.text, user.username.
// When no payload holds the post, a bounded search of the raw page for "video_versions" is the fallback.

const ORIGIN = "https://www.threads.com";
const CODE = /^[A-Za-z0-9_-]{6,64}$/;

// Depth-first search without recursion (pages nest deeply); returns the post object whose code is `code`.
function findPost(root, code) {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) if (node[i] !== null && typeof node[i] === "object") stack.push(node[i]);
      continue;
    }
    if (!isObject(node)) continue;
    if (node.code === code && (node.media_type !== undefined || node.video_versions || node.image_versions2)) return node;
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (value !== null && typeof value === "object") stack.push(value);
    }
  }
  return null;
}

function bestImage(media) {
  const candidates = isObject(media.image_versions2) && Array.isArray(media.image_versions2.candidates) ? media.image_versions2.candidates : [];
  let best = null;
  for (const candidate of candidates) {
    if (!isObject(candidate) || !httpsUrl(candidate.url)) continue;
    if (!best || (positive(candidate.width) || 0) > (positive(best.width) || 0)) best = candidate;
  }
  return best;
}

function mediaItem(media) {
  const image = bestImage(media);
  const versions = Array.isArray(media.video_versions) ? media.video_versions.filter((v) => isObject(v) && httpsUrl(v.url)) : [];
  if (versions.length) {
    // Lower type numbers are better renditions; only the best one has the original size.
    versions.sort((a, b) => (a.type || 0) - (b.type || 0));
    const formats = versions.map((v, index) => ({
      formatId: "v" + v.type,
      url: v.url,
      container: "mp4",
      width: positive(v.width) || (index === 0 ? positive(media.original_width) : undefined),
      height: positive(v.height) || (index === 0 ? positive(media.original_height) : undefined),
    }));
    return { kind: "video", id: media.pk ? String(media.pk) : undefined, thumbnail: image ? image.url : undefined, duration: positive(media.video_duration), formats: formats };
  }
  if (image) {
    return {
      kind: "image",
      id: media.pk ? String(media.pk) : undefined,
      title: typeof media.accessibility_caption === "string" ? media.accessibility_caption : undefined,
      formats: [{ formatId: "image", url: image.url, container: "jpg", width: positive(image.width), height: positive(image.height) }],
    };
  }
  return null;
}

// The fallback when no data-sjs payload holds the post (Threads moves its Relay payloads between script forms, e.g.
// into requireLazy(...) calls): look for "video_versions": [...] in the raw page, as community extractors do. Bounded:
// at most MAX_OCCURRENCES places, each array at most MAX_ARRAY_CHARS long; the one nearest the post's code wins.
const VIDEO_VERSIONS = '"video_versions":';
const MAX_OCCURRENCES = 20;
const MAX_ARRAY_CHARS = 20000;

// The JSON array starting at `start` (a "["), found by bracket matching outside strings; null past the bound.
function arrayAt(text, start) {
  const end = Math.min(text.length, start + MAX_ARRAY_CHARS);
  let depth = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return text.substring(start, i + 1);
  }
  return null;
}

function videoVersionsInPage(page, code) {
  const anchor = page.indexOf('"code":"' + code + '"');
  let best = null;
  let bestDistance = Infinity;
  let from = 0;
  for (let n = 0; n < MAX_OCCURRENCES; n++) {
    const at = page.indexOf(VIDEO_VERSIONS, from);
    if (at < 0) break;
    from = at + VIDEO_VERSIONS.length;
    const start = page.indexOf("[", from);
    if (start < 0 || page.substring(from, start).trim() !== "") continue;
    const raw = arrayAt(page, start);
    if (!raw) continue;
    let versions;
    try {
      versions = JSON.parse(raw);
    } catch (e) {
      continue;
    }
    if (!Array.isArray(versions) || !versions.some((v) => isObject(v) && httpsUrl(v.url))) continue;
    const distance = anchor < 0 ? n : Math.abs(at - anchor);
    if (distance < bestDistance) {
      best = versions;
      bestDistance = distance;
    }
  }
  return best;
}

// A post built from the raw page alone: the video found by the fallback, the rest from the page's Open Graph tags.
function postFromPage(page, versions, code, user) {
  const meta = html.meta(page);
  const item = mediaItem({ video_versions: versions });
  item.thumbnail = httpsUrl(meta["og:image"]);
  const description = typeof meta["og:description"] === "string" ? meta["og:description"].trim() : "";
  const line = description.split("\n").map((l) => l.trim()).filter((l) => l.length > 0)[0] || "";
  return {
    id: code,
    title: line ? (line.length > 100 ? line.substring(0, 99) + "…" : line) : user ? "Threads post by @" + user : undefined,
    description: description || undefined,
    uploader: user,
    thumbnail: item.thumbnail,
    canonicalUrl: user ? ORIGIN + "/@" + user + "/post/" + code : ORIGIN + "/t/" + code,
    items: [item],
  };
}

async function extract(request) {
  const code = request.match.id;
  if (!code || !CODE.test(code)) fail("UnsupportedUrl", "no Threads post code in " + request.url);
  const path = request.match.user ? "/@" + request.match.user + "/post/" + code : "/t/" + code;

  const headers = {
    Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.7",
    "Sec-Fetch-Dest": "document",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-Site": "none",
  };
  // The operator's Threads cookies (setting `cookies`, a Cookie header value), for posts hidden from logged-out visitors.
  const cookies = typeof settings.cookies === "string" ? settings.cookies.trim() : "";
  if (cookies) headers.Cookie = cookies;
  const response = await http.fetch(ORIGIN + path, { headers: headers });
  if (response.status === 404) fail("NotFound", "Threads has no post " + code);
  if (response.status === 429) fail("RateLimited", "Threads answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Threads answered " + response.status);
  if (!response.ok) fail("SiteChanged", "Threads answered " + response.status + " for " + code);
  if (/\/login\/?(?:[?#]|$)/.test(response.url)) fail("LoginRequired", "Threads sent post " + code + " to its login page");
  const page = response.text();

  // Only blobs that mention the code can hold the post; parsing the rest would waste the statement budget.
  const blobs = html.select(page, 'script[type="application/json"][data-sjs]');
  const needle = '"code":"' + code + '"';
  let post = null;
  for (const blob of blobs) {
    if (blob.text.indexOf(needle) < 0) continue;
    let data;
    try {
      data = JSON.parse(blob.text);
    } catch (e) {
      continue;
    }
    post = findPost(data, code);
    if (post) break;
  }
  if (!post) {
    const versions = videoVersionsInPage(page, code);
    if (versions) return postFromPage(page, versions, code, request.match.user);
    if (blobs.length === 0) fail("SiteChanged", "Threads page for " + code + " has no data-sjs payloads and no video_versions");
    fail("NotFound", "Threads page has no post " + code + ": removed, private or hidden from logged-out visitors");
  }
  if (isObject(post.text_post_app_info) && post.text_post_app_info.is_post_unavailable) fail("NotFound", "Threads post " + code + " is unavailable");

  let items = [];
  if (Array.isArray(post.carousel_media) && post.carousel_media.length) {
    for (const media of post.carousel_media) {
      const item = isObject(media) ? mediaItem(media) : null;
      if (item) items.push(item);
    }
  } else if (post.media_type !== 19) {
    const item = mediaItem(post);
    if (item) items.push(item);
  }
  if (items.length === 0) fail("NoMedia", "Threads post " + code + " has no photo or video");

  const caption = isObject(post.caption) && typeof post.caption.text === "string" ? post.caption.text.trim() : "";
  const user = isObject(post.user) ? post.user : {};
  const line = caption.split("\n").map((l) => l.trim()).filter((l) => l.length > 0)[0] || "";
  const username = user.username || request.match.user;
  const taken = positive(post.taken_at);
  return {
    id: code,
    title: line ? (line.length > 100 ? line.substring(0, 99) + "…" : line) : username ? "Threads post by @" + username : undefined,
    description: caption || undefined,
    uploader: username,
    duration: items.length === 1 ? items[0].duration : undefined,
    thumbnail: items[0].thumbnail,
    canonicalUrl: username ? ORIGIN + "/@" + username + "/post/" + code : ORIGIN + "/t/" + code,
    publishedAt: taken ? new Date(taken * 1000).toISOString() : undefined,
    items: items,
  };
}
