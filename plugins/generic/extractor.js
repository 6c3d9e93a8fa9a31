// Generic fallback: any page no platform plugin claims.
// Order: a direct media link; then what the page declares (og:video, JSON-LD VideoObject, twitter:player:stream,
// <video>/<source>); otherwise hand the page to yt-dlp's generic extractor (the host allows it only for this plugin).
// An og:video that is an embedded player page rather than a file is handed to yt-dlp as it is.

const MEDIA_EXTENSIONS = {
  mp4: ["video", "mp4"], m4v: ["video", "mp4"], mov: ["video", "mov"], webm: ["video", "webm"], mkv: ["video", "mkv"],
  m3u8: ["video", "m3u8"], mp3: ["audio", "mp3"], m4a: ["audio", "m4a"], ogg: ["audio", "ogg"],
  jpg: ["image", "jpg"], jpeg: ["image", "jpg"], png: ["image", "png"], webp: ["image", "webp"], gif: ["animation", "gif"],
};

function extensionOf(url) {
  const path = url.split(/[?#]/)[0];
  const dot = path.lastIndexOf(".");
  return dot > path.lastIndexOf("/") ? path.slice(dot + 1).toLowerCase() : "";
}

// Resolves a possibly relative reference against the page URL (no URL class in the sandbox).
function resolve(base, ref) {
  if (!ref) return null;
  ref = ref.trim();
  if (/^https?:\/\//i.test(ref)) return ref;
  const origin = base.match(/^(https?:\/\/[^/?#]+)/i)[1];
  if (ref.startsWith("//")) return base.split(":")[0] + ":" + ref;
  if (ref.startsWith("/")) return origin + ref;
  const dir = base.split(/[?#]/)[0].replace(/[^/]*$/, "");
  return dir + ref;
}

function lastSegment(url) {
  const path = url.split(/[?#]/)[0].replace(/\/+$/, "");
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1)) || "media";
}

function formatFor(url, type, width, height) {
  const ext = extensionOf(url);
  const hls = ext === "m3u8" || /mpegurl/i.test(type || "");
  return {
    url,
    protocol: hls ? "hls" : "http",
    container: hls ? "mp4" : (MEDIA_EXTENSIONS[ext] || [null, (type || "").split("/")[1]])[1] || undefined,
    width: width ? +width : undefined,
    height: height ? +height : undefined,
  };
}

// og:video names a file only when its type is video/* (or an HLS playlist); text/html,
// application/x-shockwave-flash and the like are embedded players. Without a type, the URL's extension decides.
function isPlayerPage(url, type) {
  const declared = (type || "").split(";")[0].trim().toLowerCase();
  if (declared) return !(declared.startsWith("video/") || /mpegurl/.test(declared));
  const known = MEDIA_EXTENSIONS[extensionOf(url)];
  return !(known && known[0] === "video");
}

async function directMedia(url) {
  const ext = extensionOf(url);
  let response = await http.fetch(url, { method: "HEAD" });
  if (response.status === 405 || response.status === 501) return null;
  if (response.status === 404 || response.status === 410) fail("NotFound", "HEAD " + url + " answered " + response.status);
  if (response.status === 401 || response.status === 403) fail("LoginRequired", "HEAD " + url + " answered " + response.status);
  const type = (response.headers["content-type"] || "").split(";")[0].trim().toLowerCase();
  const major = type.split("/")[0];
  const known = MEDIA_EXTENSIONS[ext];
  if (!(major === "video" || major === "audio" || major === "image" || (known && type === "application/octet-stream"))) return null;
  const kind = known ? known[0] : (major === "image" && type === "image/gif" ? "animation" : major);
  const size = +(response.headers["content-length"] || 0) || undefined;
  const format = formatFor(response.url, type);
  format.size = size;
  return {
    id: lastSegment(response.url),
    title: lastSegment(response.url),
    canonicalUrl: response.url,
    items: [{ kind, formats: [format] }],
  };
}

function fromJsonLd(blocks, pageUrl) {
  for (const block of blocks) {
    const type = [].concat(block["@type"] || []);
    if (!type.includes("VideoObject")) continue;
    const src = block.contentUrl || block.embedUrl && /\.(mp4|m3u8|webm)(\?|$)/i.test(block.embedUrl) && block.embedUrl;
    if (!src) continue;
    const author = [].concat(block.author || [])[0];
    return {
      url: resolve(pageUrl, src),
      title: block.name,
      description: block.description,
      duration: typeof block.duration === "number" ? positive(block.duration) : isoDuration(block.duration),
      thumbnail: resolve(pageUrl, [].concat(block.thumbnailUrl || [])[0]),
      uploader: typeof author === "string" ? author : author && author.name,
      publishedAt: block.uploadDate,
      width: block.width, height: block.height,
    };
  }
  return null;
}

async function extract(request) {
  const pageUrl = request.url;
  if (MEDIA_EXTENSIONS[extensionOf(pageUrl)]) {
    const media = await directMedia(pageUrl);
    if (media) return media;
  }

  const page = await http.fetch(pageUrl);
  if (page.status === 404 || page.status === 410) fail("NotFound", "the page answered " + page.status);
  if (page.status === 401 || page.status === 403) fail("LoginRequired", "the page answered " + page.status);
  if (page.status === 429) fail("RateLimited", "the site answered 429");
  if (page.status >= 500) fail("Network", "the site answered " + page.status);
  const type = (page.headers["content-type"] || "").toLowerCase();
  if (!type.includes("html")) {
    return { delegate: "yt-dlp", url: pageUrl };
  }

  const doc = page.text();
  const meta = html.meta(doc);
  const ld = fromJsonLd(html.jsonLd(doc), page.url);
  const og = meta["og:video:secure_url"] || meta["og:video:url"] || meta["og:video"] || meta["twitter:player:stream"];
  let videoTag = null;
  const video = html.selectOne(doc, "video");
  const source = video && (video.attrs.src ? video : html.selectOne(doc, "video source[src]"));
  if (source) {
    videoTag = { url: resolve(page.url, source.attrs.src), type: source.attrs.type, width: video.attrs.width, height: video.attrs.height };
  }

  const found = ld && ld.url
    ? ld
    : og ? { url: resolve(page.url, og), type: meta["og:video:type"], width: meta["og:video:width"], height: meta["og:video:height"], og: true }
    : videoTag;
  if (!found || !/^https?:/i.test(found.url)) {
    // Nothing declared: yt-dlp's generic extractor knows many more embed forms.
    return { delegate: "yt-dlp", url: pageUrl };
  }
  if (found.og && isPlayerPage(found.url, found.type)) {
    // An og:video that is a player page (YouTube, Vimeo, Dailymotion embeds...), not a file: yt-dlp knows those players.
    return { delegate: "yt-dlp", url: found.url };
  }

  const titleTag = html.selectOne(doc, "title");
  return {
    id: lastSegment(meta["og:url"] || page.url),
    title: (ld && ld.title) || meta["og:title"] || meta["twitter:title"] || (titleTag && titleTag.text.trim()) || undefined,
    description: (ld && ld.description) || meta["og:description"] || meta["description"] || undefined,
    uploader: (ld && ld.uploader) || meta["og:site_name"] || undefined,
    duration: (ld && ld.duration) || (meta["video:duration"] ? +meta["video:duration"] : undefined),
    thumbnail: (ld && ld.thumbnail) || resolve(page.url, meta["og:image"]) || undefined,
    canonicalUrl: meta["og:url"] || page.url,
    publishedAt: ld && ld.publishedAt,
    items: [{ kind: "video", formats: [formatFor(found.url, found.type, found.width, found.height)] }],
  };
}
