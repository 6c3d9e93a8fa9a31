// Example Plugin: one video per page at https://example.com/videos/<id>, read from the page's Open Graph tags
// (og:video, og:title, og:image...). Many sites publish these for link previews; when yours hides the video in a JSON
// API or an inline script instead, see html.jsonLd, html.scriptJson and html.scriptAssignment in videobot.d.ts.
//
// The host calls extract(request) in a fresh sandbox for every link. Network: only http.fetch, and only to the hosts in
// the manifest's permissions.network. Fail with fail(kind, message): the kind decides what the user is told.
// retryAfter(response) and the other value helpers (isObject, positive, httpsUrl, isoDuration) come from the host
// (SDK 1.1, hence "sdk": "^1.1" in plugin.json).

/// <reference path="../../sdk/scripting/videobot.d.ts" />

// A positive whole number from a meta tag's text, or undefined.
function dimension(text) {
  const n = parseInt(text, 10);
  return isFinite(n) && n > 0 ? n : undefined;
}

// Only absolute http(s) URLs leave the plugin: the host refuses anything else anyway.
function absolute(url) {
  return typeof url === "string" && /^https?:\/\//.test(url) ? url : undefined;
}

async function extract(request) {
  const id = request.match.id;
  if (!id) fail("UnsupportedUrl", "no video id in " + request.url);

  const pageUrl = "https://example.com/videos/" + encodeURIComponent(id);
  const response = await http.fetch(pageUrl, { headers: { Accept: "text/html" } });
  if (response.status === 404 || response.status === 410) fail("NotFound", "example.com has no video " + id);
  if (response.status === 401 || response.status === 403) fail("LoginRequired", "example.com wants a login for " + id);
  if (response.status === 429) fail("RateLimited", "example.com answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "example.com answered " + response.status);
  if (!response.ok) fail("SiteChanged", "example.com answered " + response.status + " for " + id);

  const page = response.text();
  const meta = html.meta(page);
  const video = absolute(meta["og:video:secure_url"]) || absolute(meta["og:video"]);
  if (!video) fail("NoMedia", "the page of " + id + " has no og:video");

  const thumbnail = absolute(meta["og:image"]);
  return {
    id: id,
    title: meta["og:title"] || undefined,
    description: meta["og:description"] || undefined,
    uploader: meta["author"] || undefined,
    thumbnail: thumbnail,
    canonicalUrl: absolute(meta["og:url"]) || pageUrl,
    items: [
      {
        kind: "video",
        thumbnail: thumbnail,
        formats: [
          {
            url: video,
            container: /\.webm(\?|$)/.test(video) ? "webm" : "mp4",
            width: dimension(meta["og:video:width"]),
            height: dimension(meta["og:video:height"]),
          },
        ],
      },
    ],
  };
}
