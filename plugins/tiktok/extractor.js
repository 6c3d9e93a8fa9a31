// TikTok: every link form becomes https://www.tiktok.com/@user/video/ID for yt-dlp, photo posts included: yt-dlp's
// TikTok extractor does not match /@user/photo/ID, and TikTok serves a photo post at /video/ID too (cobalt always asks
// for /video/ID, even for photos).
// Links without a user name (old m.tiktok.com/v/ID.html, embeds) get "@_", the placeholder yt-dlp itself uses, since
// TikTok finds the post by its id alone. Short links (vm/vt.tiktok.com, tiktok.com/t/...) reach this script only after
// the host has followed their redirect to one of the forms above.
//
// Photo posts (slideshows) are read here: yt-dlp's TikTok extractor matches only /video/ links and lists no images (it
// offers a slideshow's sound alone). The page's __UNIVERSAL_DATA_FOR_REHYDRATION__ holds the post as the web app sees it:
// itemStruct.imagePost.images[].imageURL.urlList and the sound in itemStruct.music.playUrl. The post becomes the photos,
// in order, then the sound, as items of one post; the host sends them as an album and an audio (or renders one video).

function firstUrl(list) {
  if (!Array.isArray(list)) return undefined;
  for (const url of list) {
    if (typeof url === "string" && /^https?:\/\//i.test(url)) return url;
  }
  return undefined;
}

function containerOf(url) {
  const path = url.split(/[?#]/)[0].toLowerCase();
  const m = /\.(jpe?g|png|webp|heic|mp3|m4a)$/.exec(path);
  return m ? (m[1] === "jpeg" ? "jpg" : m[1]) : undefined;
}

async function photoPost(url, id) {
  const page = await http.fetch(url);
  if (page.status === 404 || page.status === 410) fail("NotFound", "the post page answered " + page.status);
  if (page.status === 429) fail("RateLimited", "TikTok answered 429");
  // TikTok refuses clients it does not take for a browser; yt-dlp (impersonating, where it can) gets the next try.
  if (page.status === 403) {
    log.warn("the photo page answered 403: handing the post to yt-dlp");
    return null;
  }
  if (page.status >= 400) fail("Network", "the post page answered " + page.status);

  const blobs = html.scriptJson(page.text(), "script#__UNIVERSAL_DATA_FOR_REHYDRATION__");
  const scope = blobs.length > 0 && blobs[0] && blobs[0].__DEFAULT_SCOPE__;
  const detail = scope && scope["webapp.video-detail"];
  if (!detail) fail("SiteChanged", "no webapp.video-detail in the page's rehydration data");
  // 10204: removed or never existed; 10216/10222: private or friends only.
  if (detail.statusCode === 10204) fail("NotFound", "TikTok says the post does not exist");
  if (detail.statusCode === 10216 || detail.statusCode === 10222) fail("LoginRequired", "the post is private");
  const item = detail.itemInfo && detail.itemInfo.itemStruct;
  if (!item) fail("SiteChanged", "no itemStruct for post " + id);

  const images = item.imagePost && Array.isArray(item.imagePost.images) ? item.imagePost.images : [];
  if (images.length === 0) {
    // A video after all: yt-dlp knows videos.
    return null;
  }

  const items = [];
  for (const image of images) {
    const src = firstUrl(image && image.imageURL && image.imageURL.urlList);
    if (!src) continue;
    items.push({
      kind: "image",
      formats: [{ url: src, container: containerOf(src), width: +image.imageWidth || undefined, height: +image.imageHeight || undefined }],
    });
  }
  if (items.length === 0) fail("NoMedia", "the slideshow lists no image URL");

  const music = item.music || {};
  const sound = typeof music.playUrl === "string" && /^https?:\/\//i.test(music.playUrl) ? music.playUrl : undefined;
  if (sound) {
    items.push({
      kind: "audio",
      title: music.title || undefined,
      duration: +music.duration || undefined,
      formats: [{ url: sound, container: containerOf(sound) || "mp3", videoCodec: "none" }],
    });
  }

  const author = item.author || {};
  return {
    id: String(item.id || id),
    title: item.desc || undefined,
    uploader: author.nickname || author.uniqueId || undefined,
    canonicalUrl: url,
    publishedAt: +item.createTime > 0 ? new Date(+item.createTime * 1000).toISOString() : undefined,
    items,
  };
}

async function extract(request) {
  const id = request.match.id;
  if (typeof id !== "string" || !/^\d{10,21}$/.test(id)) {
    fail("UnsupportedUrl", "no TikTok post id in " + request.url);
  }

  const user = typeof request.match.user === "string" && request.match.user.length > 0 ? request.match.user : "_";
  const form = request.match.form === "photo" ? "photo" : "video";
  if (form === "photo") {
    const post = await photoPost("https://www.tiktok.com/@" + user + "/photo/" + id, id);
    if (post) return post;
  }

  return { delegate: "yt-dlp", url: "https://www.tiktok.com/@" + user + "/video/" + id };
}
