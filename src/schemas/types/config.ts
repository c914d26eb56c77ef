/* eslint-disable */
// Generated from schemas/config.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "SourceId".
 */
export type SourceId = string;
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
    }[];
    /**
     * Users the SOAP facades accept, for sources whose credentials mode is `gateway`.
     *
     * @maxItems 1000
     */
    soapUsers: {
      user: string;
      password: string;
    }[];
  };
  /**
   * The upstream systems, as named instances (several of one type allowed).
   *
   * @minItems 1
   * @maxItems 100
   */
  sources: (Scene7Source | BusinessCentralSource | LosantSource)[];
  facades: {
    ips?: {
      /**
       * The scene7 source the IPS-compatible endpoint serves (default: the first scene7 source).
       */
      source: string;
    };
  };
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
}
