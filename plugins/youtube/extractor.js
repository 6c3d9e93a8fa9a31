// YouTube: every link form is reduced to one canonical URL (a watch URL; a clip or live-stream embed keeps its own form) and handed to yt-dlp, which does the real work
// (signatures, bot checks, formats). By default nothing else is passed, so yt-dlp's own choice of player clients applies:
// it follows YouTube's changes release by release, while a pinned list goes stale (clients are removed, others start
// needing PO tokens).
// Two settings, both empty by default:
// - `playerClients`: a comma-separated list of yt-dlp player clients, for an operator who must pin them;
// - `poTokenProvider`: the base URL of a bgutil PO-token HTTP server (PyPI `bgutil-ytdlp-pot-provider`, whose yt-dlp plugin
//   reads it as the extractor argument `youtubepot-bgutilhttp:base_url`).

const CLIENT_NAME = /^[a-z0-9_]{1,40}$/;
// No ',', ';', '=' or spaces: they would end the value inside yt-dlp's --extractor-args syntax.
const PROVIDER_URL = /^https?:\/\/(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~\/-]{0,200})?$/;

function playerClients() {
  const raw = typeof settings.playerClients === "string" ? settings.playerClients : "";
  const clients = [];
  for (const part of raw.split(",")) {
    const name = part.trim();
    if (name.length === 0) continue;
    // A stray character would end up inside yt-dlp's --extractor-args syntax; skip it rather than pass it on.
    if (!CLIENT_NAME.test(name)) {
      log.warn("ignoring invalid player client name: " + name);
      continue;
    }
    if (!clients.includes(name)) clients.push(name);
  }
  return clients;
}

function poTokenProvider() {
  const raw = typeof settings.poTokenProvider === "string" ? settings.poTokenProvider.trim() : "";
  if (raw.length === 0) return null;
  // The provider plugin appends "/ping" and "/get_pot" itself.
  const url = raw.replace(/\/+$/, "");
  if (!PROVIDER_URL.test(url)) {
    log.warn("ignoring poTokenProvider: not an http(s) base URL such as http://127.0.0.1:4416");
    return null;
  }
  return url;
}

// A clip (a few seconds of a video, with an id of its own) and a channel's live-stream embed name no video id that a
// watch URL could carry; yt-dlp's youtube:clip and live-stream extractors read them, so they keep their own form.
function canonicalUrl(request) {
  const form = request.match.form;
  if (form === "clip") {
    const clip = request.match.id;
    if (typeof clip !== "string" || !/^Ug[A-Za-z0-9_-]{10,60}$/.test(clip)) fail("UnsupportedUrl", "no YouTube clip id in " + request.url);
    return "https://www.youtube.com/clip/" + clip;
  }
  if (form === "live_stream") {
    const channel = request.match.channel;
    if (typeof channel !== "string" || !/^UC[A-Za-z0-9_-]{22}$/.test(channel)) fail("UnsupportedUrl", "no YouTube channel id in " + request.url);
    return "https://www.youtube.com/embed/live_stream?channel=" + channel;
  }

  const id = request.match.id;
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]{11}$/.test(id)) {
    fail("UnsupportedUrl", "no YouTube video id in " + request.url);
  }
  return "https://www.youtube.com/watch?v=" + id;
}

function extract(request) {
  const result = { delegate: "yt-dlp", url: canonicalUrl(request) };
  const extractorArgs = {};
  const clients = playerClients();
  if (clients.length > 0) {
    extractorArgs.youtube = { player_client: clients };
  }
  const provider = poTokenProvider();
  if (provider !== null) {
    extractorArgs["youtubepot-bgutilhttp"] = { base_url: [provider] };
  }
  if (Object.keys(extractorArgs).length > 0) {
    result.extractorArgs = extractorArgs;
  }
  return result;
}
