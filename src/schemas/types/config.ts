/* eslint-disable */
// Generated from schemas/config.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "SourceId".
 */
export type SourceId = string;
/**
 * The sources this caller may read (all when absent).
 *
 * @minItems 1
 * @maxItems 100
 *
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "SourceScope".
 */
export type SourceScope = SourceId[];
/**
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "HttpUrl".
 */
export type HttpUrl = string;

/**
 * The gateway's configuration file (YAML or JSON, selected with GATEWAY_CONFIG). Every level rejects unknown keys. String values of the form ${NAME} are read from the environment variable NAME.
 */
export interface Config {
  server: {
    /**
     * Interface to listen on.
     */
    host: string;
    /**
     * TCP port (env PORT).
     */
    port: number;
    /**
     * The gateway's public base URL (used in WSDL addresses and problem type URIs). When absent, it is taken from each request's Host header.
     */
    publicUrl?: string;
    /**
     * Largest request body accepted, in bytes.
     */
    bodyLimitBytes: number;
    /**
     * Deepest XML element nesting accepted in SOAP requests.
     */
    xmlMaxDepth: number;
    /**
     * Total deadline of one gateway request, in milliseconds.
     */
    requestTimeoutMs: number;
    logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
    /**
     * Most open client connections; 0 derives it from the process's open-file limit (leaving room for upstream sockets and files).
     */
    maxConnections: number;
    /**
     * Time a client has to send the request headers, in milliseconds; slower connections are closed with 408.
     */
    headersTimeoutMs: number;
    /**
     * How long an idle keep-alive connection stays open, in milliseconds (above your load balancer's idle timeout).
     */
    keepAliveTimeoutMs: number;
    /**
     * On SIGTERM/SIGINT: time in-flight requests get to finish before they are answered 503 and closed, in milliseconds.
     */
    shutdownGraceMs: number;
    /**
     * Host header values (host or host:port) the gateway may reflect into WSDL addresses when publicUrl is not set; any other Host gives the listening address.
     *
     * @maxItems 100
     */
    allowedHosts: string[];
    /**
     * Most requests processed at once (health and metrics exempt); more are answered 503 at once with Retry-After.
     */
    maxInFlight: number;
    /**
     * Most requests one caller (API key or SOAP user) has in process at once; more are answered 503 at once with Retry-After.
     */
    maxInFlightPerCaller: number;
    /**
     * How long /readyz reuses its last probe of the sources, in milliseconds.
     */
    readyCacheMs: number;
    /**
     * Worker processes sharing the port (node:cluster); 1 runs in the main process. CLI --workers overrides it.
     */
    workers: number;
  };
  auth: {
    /**
     * Keys accepted from JSON callers as `Authorization: Bearer <key>`.
     *
     * @maxItems 1000
     */
    apiKeys: {
      /**
       * Name of the key holder (logged; the key never is).
       */
      id: string;
      key: string;
      sources?: SourceScope;
      rateLimit?: RateLimit;
    }[];
    /**
     * Users the SOAP facades accept, for sources whose credentials mode is `gateway`.
     *
     * @maxItems 1000
     */
    soapUsers: {
      user: string;
      password: string;
      sources?: SourceScope;
      rateLimit?: RateLimit;
    }[];
    rateLimit?: RateLimit1;
    /**
     * Secrets that sign listing cursors (HMAC-SHA256): the first signs, every one verifies, so a new secret goes first and an old one stays until its cursors have expired. When absent, a random secret is made per start (cursors then do not survive a restart or cross replicas).
     *
     * @minItems 1
     * @maxItems 10
     */
    cursorSecrets?: string[];
  };
  /**
   * The upstream systems, as named instances (several of one type allowed).
   *
   * @minItems 1
   * @maxItems 100
   */
  sources: (Scene7Source | BusinessCentralSource | LosantSource)[];
  facades: {
    ips: {
      /**
       * The scene7 source the IPS-compatible endpoint serves (default: the first scene7 source).
       */
      source?: string;
      /**
       * Largest SOAP request body the IPS endpoint accepts, in bytes (IPS job-log requests are a few hundred bytes).
       */
      bodyLimitBytes: number;
      /**
       * Most SOAP envelopes read at once before their caller is authenticated; more are answered with fault 30000 and Retry-After.
       */
      maxUnauthenticatedParses: number;
    };
  };
  /**
   * Shared state for replicas (rate limits; later the response cache and watch state). Without it, state is in memory, per process.
   */
  redis?: {
    /**
     * redis:// or rediss:// URL (a password in it is never logged).
     */
    url: string;
    keyPrefix: string;
  };
  /**
   * The watcher: polls sources for new job logs, feeding the live tail (GET /v1/job-logs/stream), webhooks and the job-outcome metrics. Absent: no watcher (unless webhooks are configured, which turn it on with these defaults).
   */
  watch?: {
    /**
     * How often each source is polled.
     */
    intervalMs: number;
    /**
     * How far before the newest record seen each poll reads again, to catch records that arrive late with an older time. At least twice intervalMs.
     */
    lookbackMs: number;
    /**
     * Records newer than now minus this wait for the next poll (for upstreams that make records visible out of order). 0: none.
     */
    settleMs: number;
    /**
     * The sources to watch (default: every configured source).
     *
     * @minItems 1
     */
    sources?: SourceId[];
    /**
     * The statuses to watch (default: every status).
     *
     * @minItems 1
     */
    statuses?: ("queued" | "running" | "succeeded" | "warning" | "failed" | "unknown")[];
    /**
     * Records per page of a poll.
     */
    pageSize: number;
    /**
     * Deadline of one poll, every page included.
     */
    pollTimeoutMs: number;
    /**
     * Where the watch state (high-water marks, the outbox, pending webhook deliveries) is kept without redis. One replica only: with several, configure redis.
     */
    stateFile: string;
    /**
     * With redis: how long a replica's lease on polling a source lasts unless renewed (every third of it). Another replica takes over within about this long when the holder dies.
     */
    leaseTtlMs: number;
    /**
     * Events the outbox keeps for Last-Event-ID resumption.
     */
    bufferSize: number;
    /**
     * Webhook retry delays after each failed attempt (jittered by ±20 %); after the last, the delivery is dead-lettered. Default: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
     *
     * @maxItems 50
     */
    retryScheduleMs: number[];
    /**
     * The live tail's limits.
     */
    stream: {
      heartbeatMs: number;
      maxClients: number;
      /**
       * A client that lets this much pile up unread is sent `event: dropped` and cut off.
       */
      maxBufferedBytes: number;
      retryMs: number;
    };
  };
  /**
   * Endpoints notified of each new job log the watcher sees: CloudEvents 1.0 JSON, signed as Standard Webhooks says, delivered at least once with a stable id.
   *
   * @maxItems 100
   */
  webhooks: {
    /**
     * Names the endpoint in logs and metrics (its URL never appears there).
     */
    name: string;
    /**
     * http(s) URL the events are POSTed to. Redirects are never followed.
     */
    url: string;
    /**
     * whsec_ followed by the base64 of 24 to 64 random bytes; a list during a rotation (each attempt is signed with every one).
     */
    secret: string | string[];
    /**
     * @minItems 1
     */
    sources?: SourceId[];
    /**
     * @minItems 1
     */
    statuses?: ("queued" | "running" | "succeeded" | "warning" | "failed" | "unknown")[];
    /**
     * Deadline of one delivery attempt.
     */
    timeoutMs: number;
  }[];
}
/**
 * At most `requests` requests per window of `perSeconds` seconds (a fixed window that starts at the caller's first request in it).
 *
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "RateLimit".
 */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}
/**
 * At most `requests` requests per window of `perSeconds` seconds (a fixed window that starts at the caller's first request in it).
 */
export interface RateLimit1 {
  requests: number;
  perSeconds: number;
}
/**
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "Scene7Source".
 */
export interface Scene7Source {
  id: SourceId;
  type: "scene7";
  /**
   * The IPS SOAP endpoint, e.g. https://s7sps1apissl.scene7.com/scene7/services/IpsApiService.
   */
  url: string;
  /**
   * Dated IPS schema version the gateway speaks upstream.
   */
  apiVersion: string;
  /**
   * Company the JSON API reads (IPS callers name their own).
   */
  companyHandle?: string;
  /**
   * SOAP version of upstream requests.
   */
  soapVersion: "1.1" | "1.2";
  credentials: {
    /**
     * `gateway`: callers are checked against auth.soapUsers and the gateway's user/password below go upstream. `passthrough`: the IPS caller's own credentials go upstream (JSON callers still need the gateway's user/password).
     */
    mode: "gateway" | "passthrough";
    user?: string;
    password?: string;
  };
  appName: string;
  appVersion: string;
  /**
   * Deadline of one upstream call, in milliseconds.
   */
  timeoutMs: number;
  /**
   * Largest upstream response read, in bytes.
   */
  maxResponseBytes: number;
  /**
   * Reject the whole response when one upstream record is invalid (otherwise invalid records are reported and left out).
   */
  strict: boolean;
  /**
   * Attempts per upstream read, retries included (429/503 with a short Retry-After, resets).
   */
  maxAttempts: number;
  /**
   * Most upstream calls one gateway request may make to this source (pages, token, retries); past it the listing stops with `truncated`.
   */
  maxUpstreamCalls: number;
  breaker: Breaker;
  /**
   * How long identical upstream reads of this source are answered from the response cache, in milliseconds (0: no cache). Concurrent identical reads always share one upstream call.
   */
  cacheTtlMs: number;
  /**
   * Ask the upstream for gzip/deflate answers (worth it across a network; on loopback it only costs CPU).
   */
  compression: boolean;
}
/**
 * Circuit breaker of one source: it opens after `failures` consecutive failures or timeouts (or for as long as an upstream 429/503 Retry-After asks), answers at once while open, and lets one probe through after `openMs` to close again.
 */
export interface Breaker {
  /**
   * Consecutive failed calls that open the breaker.
   */
  failures: number;
  /**
   * How long it stays open after `failures` consecutive failures before a half-open probe, in milliseconds (an upstream 429/503 Retry-After opens it for exactly the time asked, capped at maxRetryAfterMs).
   */
  openMs: number;
  /**
   * Longest upstream Retry-After the breaker obeys, in milliseconds (0: a Retry-After opens nothing; it still goes back to the caller).
   */
  maxRetryAfterMs?: number;
}
/**
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "BusinessCentralSource".
 */
export interface BusinessCentralSource {
  id: SourceId;
  type: "business-central";
  /**
   * API host; the gateway calls <baseUrl>/v2.0/<tenant>/<environment>/api/v2.0/companies(<companyId>)/jobQueueLogEntries.
   */
  baseUrl: string;
  /**
   * Tenant id (GUID) or domain name.
   */
  tenant: string;
  /**
   * Environment name.
   */
  environment: string;
  /**
   * Company id (GUID).
   */
  companyId: string;
  auth: {
    /**
     * OAuth2 token endpoint (default https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token).
     */
    tokenUrl?: string;
    clientId: string;
    clientSecret: string;
    scope: string;
  };
  /**
   * Records per page asked with Prefer: odata.maxpagesize.
   */
  pageSize: number;
  /**
   * Deadline of one upstream call, in milliseconds.
   */
  timeoutMs: number;
  /**
   * Largest upstream response read, in bytes.
   */
  maxResponseBytes: number;
  /**
   * Attempts per upstream read, retries included (429/503 with a short Retry-After, resets).
   */
  maxAttempts: number;
  /**
   * Reject the whole response when one upstream record is invalid (otherwise invalid records are reported and left out).
   */
  strict: boolean;
  /**
   * Most upstream calls one gateway request may make to this source (pages, token, retries); past it the listing stops with `truncated`.
   */
  maxUpstreamCalls: number;
  breaker: Breaker1;
  /**
   * How long identical upstream reads of this source are answered from the response cache, in milliseconds (0: no cache). Concurrent identical reads always share one upstream call.
   */
  cacheTtlMs: number;
  /**
   * Ask the upstream for gzip/deflate answers (worth it across a network; on loopback it only costs CPU).
   */
  compression: boolean;
}
/**
 * Circuit breaker of one source: it opens after `failures` consecutive failures or timeouts (or for as long as an upstream 429/503 Retry-After asks), answers at once while open, and lets one probe through after `openMs` to close again.
 */
export interface Breaker1 {
  /**
   * Consecutive failed calls that open the breaker.
   */
  failures: number;
  /**
   * How long it stays open after `failures` consecutive failures before a half-open probe, in milliseconds (an upstream 429/503 Retry-After opens it for exactly the time asked, capped at maxRetryAfterMs).
   */
  openMs: number;
  /**
   * Longest upstream Retry-After the breaker obeys, in milliseconds (0: a Retry-After opens nothing; it still goes back to the caller).
   */
  maxRetryAfterMs?: number;
}
/**
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "LosantSource".
 */
export interface LosantSource {
  id: SourceId;
  type: "losant";
  /**
   * API host; the gateway calls <baseUrl>/applications/<applicationId>/jobLogs.
   */
  baseUrl: string;
  /**
   * Losant application id (24 hex digits).
   */
  applicationId: string;
  /**
   * Losant API token (sent as Bearer). It needs a scope that allows both applicationJobLogs.get (list, probe) and applicationJobLog.get (read one), e.g. all.Application.read (losant.md 1).
   */
  token: string;
  /**
   * Records per page asked with perPage.
   */
  perPage: number;
  /**
   * Deadline of one upstream call, in milliseconds.
   */
  timeoutMs: number;
  /**
   * Largest upstream response read, in bytes.
   */
  maxResponseBytes: number;
  /**
   * Attempts per upstream read, retries included (429/503 with a short Retry-After, resets).
   */
  maxAttempts: number;
  /**
   * Reject the whole response when one upstream record is invalid (otherwise invalid records are reported and left out).
   */
  strict: boolean;
  /**
   * Most upstream calls one gateway request may make to this source (pages, token, retries); past it the listing stops with `truncated`.
   */
  maxUpstreamCalls: number;
  breaker: Breaker2;
  /**
   * How long identical upstream reads of this source are answered from the response cache, in milliseconds (0: no cache). Concurrent identical reads always share one upstream call.
   */
  cacheTtlMs: number;
  /**
   * Ask the upstream for gzip/deflate answers (worth it across a network; on loopback it only costs CPU).
   */
  compression: boolean;
}
/**
 * Circuit breaker of one source: it opens after `failures` consecutive failures or timeouts (or for as long as an upstream 429/503 Retry-After asks), answers at once while open, and lets one probe through after `openMs` to close again.
 */
export interface Breaker2 {
  /**
   * Consecutive failed calls that open the breaker.
   */
  failures: number;
  /**
   * How long it stays open after `failures` consecutive failures before a half-open probe, in milliseconds (an upstream 429/503 Retry-After opens it for exactly the time asked, capped at maxRetryAfterMs).
   */
  openMs: number;
  /**
   * Longest upstream Retry-After the breaker obeys, in milliseconds (0: a Retry-After opens nothing; it still goes back to the caller).
   */
  maxRetryAfterMs?: number;
}
/**
 * Circuit breaker of one source: it opens after `failures` consecutive failures or timeouts (or for as long as an upstream 429/503 Retry-After asks), answers at once while open, and lets one probe through after `openMs` to close again.
 *
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "Breaker".
 */
export interface Breaker3 {
  /**
   * Consecutive failed calls that open the breaker.
   */
  failures: number;
  /**
   * How long it stays open after `failures` consecutive failures before a half-open probe, in milliseconds (an upstream 429/503 Retry-After opens it for exactly the time asked, capped at maxRetryAfterMs).
   */
  openMs: number;
  /**
   * Longest upstream Retry-After the breaker obeys, in milliseconds (0: a Retry-After opens nothing; it still goes back to the caller).
   */
  maxRetryAfterMs?: number;
}
