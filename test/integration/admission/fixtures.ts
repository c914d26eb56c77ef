import { LOSANT_FACTORY_APPLICATION_ID, LOSANT_GATEWAY_TOKEN } from '../../../src/emulators/losant';

/**
 * A scene7 source nothing ever reaches (port 9, discard): for tests of routes that call no
 * upstream (/healthz, /v1/sources, /docs) or that must show no upstream call was made.
 */
export const UNREACHED_SOURCE: Readonly<Record<string, unknown>> = {
  id: 'scene7-x',
  type: 'scene7',
  url: 'http://127.0.0.1:9/scene7/services/IpsApiService',
  credentials: { mode: 'passthrough' },
};

/** A losant source on the emulator's factory application with the seeded gateway token. */
export function losantSource(
  id: string,
  baseUrl: string,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    id,
    type: 'losant',
    baseUrl,
    applicationId: LOSANT_FACTORY_APPLICATION_ID,
    token: LOSANT_GATEWAY_TOKEN,
    ...extra,
  };
}

/** Waits (at most 5 s) until an emulator has recorded `count` requests. */
export async function untilRecorded(
  requests: { readonly length: number },
  count: number,
): Promise<void> {
  const deadline = Date.now() + 5000;
  while (requests.length < count) {
    if (Date.now() > deadline) throw new Error(`the upstream saw ${requests.length} of ${count}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** A whole gateway config: one rate-limited API key, the unreached source, and Redis. */
export function redisGatewayConfig(options: {
  readonly redisUrl: string;
  readonly keyPrefix: string;
  readonly apiKey: { readonly id: string; readonly key: string; readonly requests: number };
  readonly logLevel?: string;
}): Record<string, unknown> {
  const { apiKey } = options;
  return {
    server: { host: '127.0.0.1', port: 0, logLevel: options.logLevel ?? 'info' },
    auth: {
      apiKeys: [
        {
          id: apiKey.id,
          key: apiKey.key,
          rateLimit: { requests: apiKey.requests, perSeconds: 60 },
        },
      ],
      soapUsers: [],
    },
    sources: [UNREACHED_SOURCE],
    redis: { url: options.redisUrl, keyPrefix: options.keyPrefix },
  };
}
