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

function extract(request) {
  const id = request.match.id;
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]{11}$/.test(id)) {
    fail("UnsupportedUrl", "no YouTube video id in " + request.url);
  }

  const result = { delegate: "yt-dlp", url: "https://www.youtube.com/watch?v=" + id };
  const clients = playerClients();
  if (clients.length > 0) {
    result.extractorArgs = { youtube: { player_client: clients } };
  }
  return result;
}
