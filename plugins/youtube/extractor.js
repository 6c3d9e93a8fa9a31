// YouTube: every link form is reduced to the one canonical watch URL and handed to yt-dlp, which does the real work
// (signatures, bot checks, formats). The player clients yt-dlp should try come from the `playerClients` setting, so an
// operator can rotate them without a new plugin version when YouTube starts refusing one.

const CLIENT_NAME = /^[a-z0-9_]{1,40}$/;

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
  const clients = playerClients();
  if (clients.length > 0) {
    result.extractorArgs = { youtube: { player_client: clients } };
  }
  return result;
}
