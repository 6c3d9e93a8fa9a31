// Bluesky posts, from the public AppView (public.api.bsky.app, no login): app.bsky.feed.getPostThread with depth 0.
// The AppView resolves a handle inside the at:// URI itself, so handles and DIDs both work without a separate lookup.
// Media lives in the post's hydrated `embed`: video#view (an HLS playlist), images#view, external#view (GIF links),
// recordWithMedia#view (a quote plus media), or a quoted post's own embeds.

const API = "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread";

// The AppView names the playlist on video.bsky.app/watch/; cobalt fetches the same path from the CDN host
// (video.cdn.bsky.app/hls/) instead. The `cdnPlaylist` setting (default on) does the same; "false" keeps the AppView's URL.
function playlistUrl(view) {
  const playlist = httpsUrl(view.playlist);
  if (!playlist || String(settings.cdnPlaylist).toLowerCase() === "false") return playlist;
  return playlist.replace(/^https:\/\/video\.bsky\.app\/watch\//, "https://video.cdn.bsky.app/hls/");
}

function videoItems(view) {
  const playlist = playlistUrl(view);
  if (!playlist) return [];
  const ratio = isObject(view.aspectRatio) ? view.aspectRatio : {};
  return [{
    kind: "video",
    id: typeof view.cid === "string" ? view.cid : undefined,
    title: typeof view.alt === "string" && view.alt ? view.alt : undefined,
    thumbnail: httpsUrl(view.thumbnail),
    formats: [{ formatId: "hls", url: playlist, protocol: "hls", container: "mp4", width: positive(ratio.width), height: positive(ratio.height) }],
  }];
}

function imageItems(view) {
  const items = [];
  for (const image of Array.isArray(view.images) ? view.images : []) {
    if (!isObject(image)) continue;
    const full = httpsUrl(image.fullsize);
    if (!full) continue;
    const ratio = isObject(image.aspectRatio) ? image.aspectRatio : {};
    items.push({
      kind: "image",
      title: typeof image.alt === "string" && image.alt ? image.alt : undefined,
      thumbnail: httpsUrl(image.thumb),
      formats: [{ formatId: "fullsize", url: full, container: "jpg", width: positive(ratio.width), height: positive(ratio.height) }],
    });
  }
  return items;
}

// Bluesky's GIF picker posts Tenor links as external embeds; the size parameters only shrink the GIF.
function externalItems(view) {
  const external = isObject(view.external) ? view.external : {};
  const uri = httpsUrl(external.uri);
  if (!uri || !/^https:\/\/media\.tenor\.com\/[^?#]+\.gif(?:[?#]|$)/.test(uri)) return [];
  return [{ kind: "animation", formats: [{ formatId: "gif", url: uri.replace(/[?#].*$/, ""), container: "gif", audioCodec: "none" }] }];
}

function itemsOf(view) {
  if (!isObject(view)) return [];
  switch (view.$type) {
    case "app.bsky.embed.video#view": return videoItems(view);
    case "app.bsky.embed.images#view": return imageItems(view);
    case "app.bsky.embed.external#view": return externalItems(view);
    case "app.bsky.embed.recordWithMedia#view": return itemsOf(view.media);
    case "app.bsky.embed.record#view": {
      // A quote post without media of its own: take the quoted post's media.
      const quoted = isObject(view.record) ? view.record : {};
      for (const embed of Array.isArray(quoted.embeds) ? quoted.embeds : []) {
        const items = itemsOf(embed);
        if (items.length) return items;
      }
      return [];
    }
    default: return [];
  }
}

function failOnThread(thread, uri) {
  if (!isObject(thread)) fail("SiteChanged", "Bluesky answered no thread for " + uri);
  if (thread.$type === "app.bsky.feed.defs#notFoundPost" || thread.notFound) fail("NotFound", "Bluesky has no post " + uri);
  if (thread.$type === "app.bsky.feed.defs#blockedPost" || thread.blocked) fail("NotFound", "Bluesky post " + uri + " is blocked");
  if (!isObject(thread.post)) fail("SiteChanged", "Bluesky thread for " + uri + " has no post view");
}

function titleOf(text, fallback) {
  const line = text.split("\n").map((l) => l.trim()).filter((l) => l.length > 0)[0];
  if (!line) return fallback;
  return line.length > 100 ? line.substring(0, 99) + "…" : line;
}

async function extract(request) {
  const actor = request.match.handle;
  const rkey = request.match.id;
  if (!actor || !rkey) fail("UnsupportedUrl", "no Bluesky post in " + request.url);
  const handle = decodeURIComponent(actor);

  const uri = "at://" + handle + "/app.bsky.feed.post/" + rkey;
  const response = await http.fetch(API + "?uri=" + encodeURIComponent(uri) + "&depth=0&parentHeight=0", { headers: { Accept: "application/json" } });
  if (response.status === 429) fail("RateLimited", "Bluesky AppView answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Bluesky AppView answered " + response.status);
  let body;
  try {
    body = response.json();
  } catch (e) {
    if (!response.ok) fail("SiteChanged", "Bluesky AppView answered " + response.status + " without JSON");
    throw e;
  }
  if (!response.ok) {
    const error = isObject(body) ? body.error : undefined;
    const message = isObject(body) ? body.message : undefined;
    // XRPC errors: NotFound for a missing post; InvalidRequest when the handle does not resolve.
    if (error === "NotFound" || response.status === 404) fail("NotFound", "Bluesky: " + (message || "post not found") + " (" + uri + ")");
    if (error === "InvalidRequest" && /resolve|handle|actor/i.test(String(message))) fail("NotFound", "Bluesky: " + message);
    if (error === "AuthRequired" || response.status === 401) fail("LoginRequired", "Bluesky: " + (message || "login required"));
    fail("SiteChanged", "Bluesky AppView answered " + response.status + " " + (error || "") + ": " + (message || ""));
  }

  const thread = isObject(body) ? body.thread : null;
  failOnThread(thread, uri);
  const post = thread.post;
  const items = itemsOf(post.embed);
  if (items.length === 0) fail("NoMedia", "Bluesky post " + uri + " has no video, image or GIF");

  const author = isObject(post.author) ? post.author : {};
  const record = isObject(post.record) ? post.record : {};
  const text = typeof record.text === "string" ? record.text.trim() : "";
  const name = author.displayName || author.handle || handle;
  const shownHandle = author.handle && author.handle !== "handle.invalid" ? author.handle : author.did || handle;
  return {
    id: rkey,
    title: titleOf(text, name + " on Bluesky"),
    description: text || undefined,
    uploader: name,
    thumbnail: items[0].thumbnail,
    canonicalUrl: "https://bsky.app/profile/" + shownHandle + "/post/" + rkey,
    publishedAt: typeof record.createdAt === "string" ? record.createdAt : undefined,
    items: items,
  };
}
