// Snapchat Spotlight videos, from the public page www.snapchat.com/spotlight/{id}. The Next.js page data
// (<script id="__NEXT_DATA__">) lists the spotlight feed: props.pageProps.spotlightFeed.spotlightStories[], each with
// story.storyId.value and metadata.videoMetadata {name, description, contentUrl, thumbnailUrl, width, height, durationMs,
// uploadDateMs, creator.personCreator.username}. Older pages put videoMetadata straight in pageProps; the JSON-LD
// VideoObject in the head (duration as ISO 8601) is the fallback for both.

// schema.org lets contentUrl and thumbnailUrl be a list: its first entry, as an https URL.
function firstHttpsUrl(value) {
  return httpsUrl(Array.isArray(value) ? value[0] : value);
}

function fromNextData(page, id) {
  const data = html.scriptJson(page, "script#__NEXT_DATA__")[0];
  const props = isObject(data) && isObject(data.props) && isObject(data.props.pageProps) ? data.props.pageProps : null;
  if (!props) return null;
  const feed = isObject(props.spotlightFeed) && Array.isArray(props.spotlightFeed.spotlightStories) ? props.spotlightFeed.spotlightStories : [];
  // The feed also holds the next videos to play: take the one whose story id is ours.
  for (const entry of feed) {
    const storyId = isObject(entry) && isObject(entry.story) && isObject(entry.story.storyId) ? entry.story.storyId.value : undefined;
    if (storyId === id && isObject(entry.metadata) && isObject(entry.metadata.videoMetadata)) return entry.metadata.videoMetadata;
  }
  return isObject(props.videoMetadata) ? props.videoMetadata : null;
}

function fromJsonLd(page) {
  for (const node of html.jsonLd(page)) {
    if (isObject(node) && node["@type"] === "VideoObject" && firstHttpsUrl(node.contentUrl)) return node;
  }
  return null;
}

async function extract(request) {
  const id = request.match.id;
  if (!id) fail("UnsupportedUrl", "no Spotlight id in " + request.url);

  const response = await http.fetch("https://www.snapchat.com/spotlight/" + id, { headers: { Accept: "text/html" } });
  if (response.status === 404 || response.status === 410) fail("NotFound", "Snapchat has no Spotlight " + id);
  if (response.status === 429) fail("RateLimited", "Snapchat answered 429", { retryAfterSeconds: retryAfter(response) });
  if (response.status >= 500) fail("Network", "Snapchat answered " + response.status);
  if (!response.ok) fail("SiteChanged", "Snapchat answered " + response.status + " for Spotlight " + id);
  const page = response.text();

  const video = fromNextData(page, id);
  const ld = fromJsonLd(page);
  const contentUrl = (video && firstHttpsUrl(video.contentUrl)) || (ld && firstHttpsUrl(ld.contentUrl));
  if (!contentUrl) {
    const data = html.scriptJson(page, "script#__NEXT_DATA__")[0];
    const status = isObject(data) && isObject(data.props) && isObject(data.props.pageProps) ? data.props.pageProps.statusCode : undefined;
    if (status === 404 || (isObject(data) && data.page === "/_error")) fail("NotFound", "Snapchat has no Spotlight " + id);
    if (!data && !ld) fail("SiteChanged", "Snapchat Spotlight page for " + id + " has neither __NEXT_DATA__ nor JSON-LD");
    fail("NotFound", "Snapchat Spotlight page for " + id + " describes no video (removed or private)");
  }

  const source = video || {};
  const creator = isObject(source.creator) && isObject(source.creator.personCreator) ? source.creator.personCreator : {};
  const ldCreator = ld && isObject(ld.creator) ? ld.creator : {};
  const durationMs = positive(source.durationMs);
  const duration = durationMs ? durationMs / 1000 : isoDuration(source.duration) || (ld ? isoDuration(ld.duration) : undefined);
  const width = positive(source.width) || (ld ? positive(ld.width) : undefined);
  const height = positive(source.height) || (ld ? positive(ld.height) : undefined);
  const thumbnail = firstHttpsUrl(source.thumbnailUrl) || (ld ? firstHttpsUrl(ld.thumbnailUrl) : undefined);
  const uploadMs = positive(source.uploadDateMs);
  const name = (typeof source.name === "string" && source.name) || (ld && typeof ld.name === "string" ? ld.name : "");
  const description = (typeof source.description === "string" && source.description) || (ld && typeof ld.description === "string" ? ld.description : "");
  return {
    id: id,
    title: name || description || undefined,
    description: description || undefined,
    uploader: creator.username || ldCreator.alternateName || ldCreator.name || undefined,
    duration: duration,
    thumbnail: thumbnail,
    canonicalUrl: "https://www.snapchat.com/spotlight/" + id,
    publishedAt: uploadMs ? new Date(uploadMs).toISOString() : ld && typeof ld.uploadDate === "string" ? ld.uploadDate : undefined,
    items: [{ kind: "video", duration: duration, thumbnail: thumbnail, formats: [{ formatId: "mp4", url: contentUrl, container: "mp4", width: width, height: height }] }],
  };
}
