// Telegram public channel posts, from the post's embed page (t.me/{channel}/{id}?embed=1&mode=tme): the same HTML the
// channel widget shows. An album shows all of its photos and videos; `?single` in the user's link keeps just that one.
// Videos too big for the widget carry no <video> source ("Media is too big"): they can only be watched in the app.

function clean(text) {
  return typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "";
}

// The message's inner HTML as text: <br> become line breaks (textContent would glue the lines together).
function messageText(innerHtml) {
  const entities = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", apos: "'", nbsp: " " };
  return innerHtml
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (all, name) => entities[name])
    .replace(/&#(\d+);/g, (all, code) => String.fromCodePoint(Number(code)))
    .split("\n").map((line) => line.replace(/[ \t]+/g, " ").trim()).join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// background-image:url('https://...') inside a style attribute.
function backgroundImage(style) {
  const found = /background-image:\s*url\((['"]?)([^'")]+)\1\)/.exec(style || "");
  return found ? httpsUrl(found[2]) : undefined;
}

// The widget sizes a medium as "width:Wpx" plus an aspect box "padding-top:P%".
function boxSize(style) {
  const width = /(?:^|;)\s*width:\s*(\d+(?:\.\d+)?)px/.exec(style || "");
  const ratio = /padding-top:\s*(\d+(?:\.\d+)?)%/.exec(style || "");
  if (!width) return {};
  const w = Math.round(Number(width[1]));
  return { width: w, height: ratio ? Math.round((w * Number(ratio[1])) / 100) : undefined };
}

// "1:01" or "1:02:03" to seconds.
function clock(text) {
  const parts = clean(text).split(":");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
  return parts.reduce((total, part) => total * 60 + Number(part), 0) || undefined;
}

function messageId(href) {
  const found = /\/(\d+)(?:\?|$)/.exec(href || "");
  return found ? found[1] : undefined;
}

function photoItem(element) {
  const url = backgroundImage(element.attrs.style);
  if (!url) return null;
  const box = html.selectOne(element.html, ".tgme_widget_message_photo");
  const size = boxSize(box ? box.attrs.style : element.attrs.style);
  return {
    kind: "image",
    id: messageId(element.attrs.href),
    formats: [{ formatId: "photo", url: url, container: "jpg", width: size.width, height: size.height }],
  };
}

function videoItem(element, skipped) {
  const video = html.selectOne(element.html, "video");
  const src = video ? httpsUrl(video.attrs.src) : undefined;
  const id = messageId(element.attrs.href);
  if (!src) {
    const label = html.selectOne(element.html, ".message_media_not_supported_label");
    skipped.push((id || "a video") + ": " + (label ? clean(label.text) : "no video source"));
    return null;
  }
  const thumb = html.selectOne(element.html, ".tgme_widget_message_video_thumb, .tgme_widget_message_roundvideo_thumb");
  const wrap = html.selectOne(element.html, ".tgme_widget_message_video_wrap, .tgme_widget_message_roundvideo_wrap");
  const duration = html.selectOne(element.html, ".message_video_duration, .tgme_widget_message_roundvideo_duration");
  const size = boxSize(wrap ? wrap.attrs.style : "");
  return {
    kind: "video",
    id: id,
    duration: duration ? clock(duration.text) : undefined,
    thumbnail: thumb ? backgroundImage(thumb.attrs.style) : undefined,
    formats: [{ formatId: "mp4", url: src, container: "mp4", width: size.width, height: size.height }],
  };
}

async function extract(request) {
  const channel = request.match.channel;
  const id = request.match.id;
  if (!channel || !id) fail("UnsupportedUrl", "no Telegram channel post in " + request.url);

  const response = await http.fetch("https://t.me/" + channel + "/" + id + "?embed=1&mode=tme", { headers: { Accept: "text/html" } });
  if (response.status === 429) fail("RateLimited", "Telegram answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Telegram answered " + response.status);
  if (response.status === 404) fail("NotFound", "Telegram has no post " + channel + "/" + id);
  if (!response.ok) fail("SiteChanged", "Telegram answered " + response.status + " for " + channel + "/" + id);
  const page = response.text();

  const error = html.selectOne(page, ".tgme_widget_message_error");
  if (error) fail("NotFound", "Telegram: " + clean(error.text) + " (" + channel + "/" + id + ")");
  const message = html.selectOne(page, ".tgme_widget_message");
  if (!message) fail("SiteChanged", "Telegram embed page for " + channel + "/" + id + " has no message widget");

  // One selector keeps photos and videos in the album's own order.
  const skipped = [];
  let items = [];
  const media = html.select(page,
    ".tgme_widget_message_bubble a.tgme_widget_message_photo_wrap, .tgme_widget_message_bubble .tgme_widget_message_video_player, .tgme_widget_message_bubble .tgme_widget_message_roundvideo_player");
  for (const element of media) {
    const classes = " " + (element.attrs["class"] || "") + " ";
    const item = classes.indexOf(" tgme_widget_message_photo_wrap ") >= 0 ? photoItem(element) : videoItem(element, skipped);
    if (item) items.push(item);
  }
  if (/(?:^|[?&])single(?:[=&]|$)/.test(request.url.split("?")[1] || "")) {
    const only = items.filter((item) => item.id === id);
    if (only.length) items = only;
  }
  if (items.length === 0) {
    if (skipped.length) fail("NoMedia", "Telegram post " + channel + "/" + id + " has only media the web widget does not serve (" + skipped.join("; ") + ")");
    fail("NoMedia", "Telegram post " + channel + "/" + id + " has no photo or video");
  }

  const owner = html.selectOne(page, ".tgme_widget_message_owner_name");
  const text = html.selectOne(page, ".tgme_widget_message_text");
  const time = html.selectOne(page, ".tgme_widget_message_date time");
  const description = text ? messageText(text.html) : "";
  const uploader = owner ? clean(owner.text) : channel;
  const line = description.split("\n").filter((l) => l.length > 0)[0] || "";
  const firstLine = line.length > 100 ? line.substring(0, 99) + "…" : line;
  return {
    id: channel + "/" + id,
    title: firstLine || uploader,
    description: description || undefined,
    uploader: uploader || channel,
    duration: items.length === 1 ? items[0].duration : undefined,
    thumbnail: items[0].thumbnail,
    canonicalUrl: "https://t.me/" + channel + "/" + id,
    publishedAt: time && time.attrs.datetime ? time.attrs.datetime : undefined,
    items: items,
  };
}
