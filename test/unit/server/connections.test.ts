import { buildConfig } from '../../../src/config/load';
import {
  connectionLimitOf,
  parseOpenFileLimit,
  serverOptionsOf,
} from '../../../src/server/connections';

// The layout of /proc/<pid>/limits (proc(5)), as Linux 6.x prints it.
const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max file size             unlimited            unlimited            bytes
Max processes             63398                63398                processes
Max open files            20000                1048576              files
Max locked memory         8388608              8388608              bytes
`;

const source = (id: string): Record<string, unknown> => ({
  id,
  type: 'scene7',
  url: 'http://127.0.0.1:9/scene7/services/IpsApiService',
  credentials: { mode: 'passthrough' },
});

function configWith(server: Record<string, unknown>, sources = 1) {
  return buildConfig({
    server,
    sources: Array.from({ length: sources }, (_, index) => source(`scene7-${index}`)),
  });
}

describe('parseOpenFileLimit', () => {
  it('reads the soft limit of "Max open files"', () => {
    expect(parseOpenFileLimit(LIMITS)).toBe(20000);
  });

  it('gives undefined when the limit is unlimited or missing', () => {
    expect(parseOpenFileLimit(LIMITS.replace('20000  ', 'unlimited'))).toBeUndefined();
    expect(parseOpenFileLimit('Limit Soft Limit Hard Limit Units\n')).toBeUndefined();
  });
});

describe('connectionLimitOf', () => {
  it('takes server.maxConnections when set', () => {
    expect(connectionLimitOf(configWith({ maxConnections: 500 }), () => 20000).maxConnections).toBe(
      500,
    );
  });

  it('derives the cap from the soft open-file limit, keeping room for files and upstream sockets', () => {
    const one = connectionLimitOf(configWith({}), () => 20000).maxConnections;
    const three = connectionLimitOf(configWith({}, 3), () => 20000).maxConnections;
    expect(one).toBeLessThan(20000);
    expect(one).toBeGreaterThan(19000);
    // Every source may hold upstream sockets of its own.
    expect(three).toBeLessThan(one);
  });

  it('assumes a conservative limit where it cannot be read, and never goes below a floor', () => {
    const unknown = connectionLimitOf(configWith({}), () => undefined);
    expect(unknown.maxConnections).toBeLessThan(1024);
    expect(unknown.basis).toContain('unknown');
    expect(connectionLimitOf(configWith({}), () => 100).maxConnections).toBe(64);
  });
});

describe('serverOptionsOf', () => {
  it('uses headersTimeoutMs and checks deadlines every second', () => {
    const options = serverOptionsOf(
      configWith({ headersTimeoutMs: 2000, requestTimeoutMs: 30000 }),
    );
    expect(options).toMatchObject({
      headersTimeout: 2000,
      requestTimeout: 30000,
      connectionsCheckingInterval: 1000,
    });
  });

  it('keeps requestTimeout at least headersTimeout, which Node requires', () => {
    const options = serverOptionsOf(configWith({ headersTimeoutMs: 20000, requestTimeoutMs: 100 }));
    expect(options.requestTimeout).toBe(20000);
  });
});
