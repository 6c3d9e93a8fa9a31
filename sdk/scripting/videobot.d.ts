// VideoBot script plugin API, SDK 1.1 (the value helpers isObject, positive, httpsUrl, isoDuration and retryAfter are new in
// 1.1:
// a plugin that calls them declares "sdk": "^1.1").
// A script plugin is one JavaScript file (ES2023) run by the host in a fresh sandbox for every extraction.
// It defines a global function `extract(request)` that returns a MediaResult (or a Promise of one).
// There is no CLR, file system, environment, timers, `require` or `import`: only the globals declared here.
// The script runs in strict mode; `eval` and `new Function(...)` are disabled.
// Limits (manifest `limits`, capped by the host): wall-clock time for the whole run including awaited fetches, memory,
// statements for the whole run, call depth, response size. Exceeding one ends the run as a plugin fault.

/** What the host asks the script to describe. */
interface ExtractRequest {
  /** The normalized URL (no fragment, no tracking parameters, mobile hosts mapped). */
  url: string;
  /** The URL exactly as the user sent it. */
  originalUrl: string;
  /** Named groups of the manifest urlPattern that matched, e.g. `match.id`. */
  match: Record<string, string>;
}

type StreamProtocol = "http" | "hls" | "dash";
type MediaKind = "video" | "image" | "audio" | "animation";

/** One way to fetch a media item. */
interface MediaFormat {
  url: string;
  formatId?: string;
  /** Default "http". */
  protocol?: StreamProtocol;
  /** Headers the site requires for this URL, e.g. { Referer: "..." }. */
  headers?: Record<string, string>;
  /** "mp4", "webm", "jpg"... */
  container?: string;
  /** Video codec, or "none" for audio-only. */
  videoCodec?: string;
  /** Audio codec, or "none" for video-only. */
  audioCodec?: string;
  width?: number;
  height?: number;
  /** Bits per second. */
  bitrate?: number;
  /** Bytes. */
  size?: number;
  /** True when size is an estimate. */
  sizeIsEstimate?: boolean;
}

interface MediaItem {
  /** Default "video". */
  kind?: MediaKind;
  id?: string;
  title?: string;
  /** Seconds. */
  duration?: number;
  thumbnail?: string;
  formats: MediaFormat[];
}

/** A post: one item, or a carousel of several. */
interface MediaPost {
  id: string;
  title?: string;
  description?: string;
  uploader?: string;
  /** Seconds. */
  duration?: number;
  thumbnail?: string;
  canonicalUrl?: string;
  /** ISO 8601. */
  publishedAt?: string;
  items: MediaItem[];
}

/** Hand the URL to the host's yt-dlp engine instead of extracting. */
interface YtDlpDelegation {
  delegate: "yt-dlp";
  url: string;
  /** extractor key -> argument -> values, as yt-dlp's --extractor-args. */
  extractorArgs?: Record<string, Record<string, string[]>>;
}

type MediaResult = MediaPost | YtDlpDelegation;

type ErrorKind =
  | "UnsupportedUrl" | "NotFound" | "LoginRequired" | "GeoBlocked" | "AgeRestricted"
  | "RateLimited" | "SiteChanged" | "Network" | "NoMedia";

/**
 * Throw one of these (via `fail`) for a failure the user should hear about. Any other thrown value counts as PluginFault.
 * The thrown value is an `Error` with a `kind` property; a script may catch it and carry on. Only the host's own error
 * objects carry a kind: setting `kind` on an error of your own does not.
 */
declare function fail(kind: ErrorKind, message: string, options?: FailOptions): never;

interface FailOptions {
  /** For "RateLimited": how long the site asked us to wait, in seconds (more than 0, less than a day); see `retryAfter`. */
  retryAfterSeconds?: number;
}

/** What `http.fetch` and `fail` throw: an Error whose `kind` says what the host will make of it if it escapes. */
interface HostError extends Error {
  kind: ErrorKind | "PermissionDenied" | "PluginFault";
}

interface FetchOptions {
  /** Default "GET". */
  method?: "GET" | "POST" | "HEAD";
  headers?: Record<string, string>;
  /** A string body; for an object, use `json`. */
  body?: string;
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Follow redirects (each hop permission-checked). Default true. "manual" is passed to the gateway as a request option. */
  redirect?: "follow" | "manual";
}

interface FetchResponse {
  status: number;
  ok: boolean;
  /** The final URL, after redirects. */
  url: string;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text(): string;
  /**
   * Parses the body as JSON. When it is not JSON, throws with the kind the answer means: LoginRequired for a 401 or 403, or
   * a page reached by a redirect to a login page (a login wall); NotFound for 404/410; RateLimited for 429; Network for 5xx;
   * otherwise SiteChanged (HTML where JSON was expected: the API moved).
   */
  json(): any;
}

/**
 * The permission-checked HTTP client: only hosts in the manifest's permissions.network, never private addresses
 * unless the operator allows them, with the host's caps on response size and time.
 * Network errors throw (kind "Network"); a refused host or a non-http(s) URL throws (kind "PermissionDenied"); a body over
 * the limit throws (kind "PluginFault"). HTTP error statuses do NOT throw. The thrown values are HostErrors.
 * At most 16 requests may be in flight at once.
 *
 * Cookies: each run has its own cookie jar, kept as a browser keeps it (domain, path, secure, expiry). A Set-Cookie from a
 * response (redirect hops included) is stored and sent on later requests of the same run, but only for hosts in
 * permissions.network; the jar is discarded when the run ends. When the operator set a cookies file for the plugin
 * (YtDlp:Cookies:<id>), the jar starts with its cookies for those hosts. A Cookie header set in `headers` is sent too,
 * before the jar's.
 */
declare const http: {
  fetch(url: string, options?: FetchOptions): Promise<FetchResponse>;
  /** The cookies the jar would send to `url`, name to value; {} for a host outside permissions.network. */
  cookies(url: string): Record<string, string>;
};

/** An element found by a selector, as plain data. */
interface HtmlElement {
  /** Lower-case tag name. */
  tag: string;
  /** Text content, trimmed. */
  text: string;
  /** Inner HTML. */
  html: string;
  attrs: Record<string, string>;
}

/** HTML helpers, parsed host-side (AngleSharp); they return plain data. An invalid CSS selector throws a TypeError. */
declare const html: {
  /** <meta property|name="..." content="..."> as a map; og:* and twitter:* keep their prefixes. First value wins. */
  meta(document: string): Record<string, string>;
  /** Every <script type="application/ld+json"> block, parsed; arrays and @graph are flattened into the list. Invalid blocks are skipped. */
  jsonLd(document: string): any[];
  /** JSON inside <script> elements matching `selector` (e.g. "script#__NEXT_DATA__", 'script[type="application/json"]'), parsed; invalid ones skipped. */
  scriptJson(document: string, selector: string): any[];
  /** JSON assigned in an inline script: finds `marker` (e.g. "window.__INITIAL_STATE__ =") and parses the JSON value after it. Null when absent. */
  scriptAssignment(document: string, marker: string): any | null;
  /** All elements matching a CSS selector. */
  select(document: string, selector: string): HtmlElement[];
  /** The first element matching a CSS selector, or null. */
  selectOne(document: string, selector: string): HtmlElement | null;
};

/** Lines go to the plugin's logger; non-strings are logged as JSON; lines over 2000 characters are cut. */
declare const log: {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
};

/** The plugin's settings: manifest defaults overridden by the operator's config. */
declare const settings: Readonly<Record<string, string>>;

// Value helpers (SDK 1.1). They run in the host, so nothing a script does to Array, RegExp or Object.prototype changes what
// they answer, and they never call a script's getters, valueOf or toString. They are read-only and frozen: assigning one
// throws a TypeError. A script written for SDK 1.0 that declares its own function of the same name still loads; its own
// declaration is what it calls, in its own run only.

/** True for an object that is neither an array nor a function (null, arrays, functions and primitives are not). */
declare function isObject(value: unknown): value is Record<string, any>;

/**
 * A finite number above zero, from a number or from a string as `Number()` reads it ("720", " 1.5 "); undefined for zero,
 * negatives, NaN, Infinity, empty strings and anything that is not a number or a string (no coercion of objects).
 */
declare function positive(value: unknown): number | undefined;

/**
 * The value as an absolute https URL, or undefined. Surrounding whitespace is dropped; a protocol-relative "//host/path"
 * becomes "https://host/path" (what it means on the https pages scripts read). Plain "http://" is refused, not upgraded (the
 * same path over https may not exist: upgrade explicitly when the site serves both), as are other schemes, relative paths,
 * non-strings (String objects and arrays included), a URL without a host and strings over 16384 characters. An accepted URL
 * is returned as given, never re-encoded, so signed query strings survive.
 */
declare function httpsUrl(value: unknown): string | undefined;

/**
 * The seconds of an ISO 8601 duration as pages write it (schema.org VideoObject.duration): "PT1M5S", "PT4.665S", "P1DT2H",
 * "P2W", designators in either case, a fraction (dot or comma) on the seconds only. Undefined for anything else: zero,
 * years or months (their length depends on the calendar), a missing "T" before hours, minutes or seconds ("P5M" is five
 * months, not minutes), numbers and other non-strings.
 */
declare function isoDuration(value: unknown): number | undefined;

/**
 * The wait, in whole seconds, that a response's Retry-After header asks for: delay-seconds ("120") or an HTTP-date (all three
 * forms of RFC 9110), a date measured from the response's own Date header when it has one, else from the host's clock.
 * Undefined when the header is absent, malformed ("1.5", "soon"), not in the future, or a day or more: the values
 * `fail(..., { retryAfterSeconds })` accepts. Reads only the own data properties `headers["retry-after"]` and
 * `headers.date` of the object given (a FetchResponse, or any `{ headers }`), never getters or prototypes.
 */
declare function retryAfter(response: { headers: Record<string, string> } | undefined): number | undefined;

/** The function every script plugin defines. */
declare function extract(request: ExtractRequest): MediaResult | Promise<MediaResult>;
