import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig, ConfigError, loadConfigFile, type Config } from '../../../src/config/load';

type Scene7Config = Extract<Config['sources'][number], { type: 'scene7' }>;
const scene7Of = (config: Readonly<Config>): Scene7Config => config.sources[0] as Scene7Config;

const scene7 = {
  id: 'scene7-eu',
  type: 'scene7',
  url: 'https://s7sps3apissl.scene7.com/scene7/services/IpsApiService',
  credentials: { mode: 'gateway', user: 'ips@example.com', password: 'secret-password' },
};

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('buildConfig', () => {
  describe('when given a minimal valid config', () => {
    it('fills every documented default and freezes the result', () => {
      const config = buildConfig({ sources: [scene7] });
      expect(config.server).toEqual({
        host: '0.0.0.0',
        port: 8080,
        bodyLimitBytes: 1048576,
        xmlMaxDepth: 64,
        requestTimeoutMs: 30000,
        logLevel: 'info',
        maxConnections: 0,
        headersTimeoutMs: 10000,
        keepAliveTimeoutMs: 65000,
        shutdownGraceMs: 10000,
        allowedHosts: [],
        maxInFlight: 256,
        maxInFlightPerCaller: 32,
        readyCacheMs: 5000,
        workers: 1,
      });
      expect(config.facades).toEqual({
        ips: { bodyLimitBytes: 65536, maxUnauthenticatedParses: 4 },
      });
      const source = scene7Of(config);
      expect(source).toMatchObject({
        apiVersion: '2014-04-03',
        soapVersion: '1.1',
        timeoutMs: 10000,
        strict: false,
        maxUpstreamCalls: 50,
        cacheTtlMs: 0,
        compression: true,
        breaker: { failures: 5, openMs: 30000, maxRetryAfterMs: 3600000 },
      });
      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(source.credentials)).toBe(true);
    });
  });

  describe('when several instances of one type are configured', () => {
    it('keeps them all, in order', () => {
      const config = buildConfig({ sources: [scene7, { ...scene7, id: 'scene7-us' }] });
      expect(config.sources.map((source) => source.id)).toEqual(['scene7-eu', 'scene7-us']);
    });
  });

  describe('when a field is bad', () => {
    it('names an unknown key with its path', () => {
      expect(problemsOf(() => buildConfig({ sources: [scene7], server: { prot: 1 } }))).toContain(
        'config.server: unknown key "prot"',
      );
    });

    it('names a wrong type and a bad URL, all at once', () => {
      const problems = problemsOf(() =>
        buildConfig({ server: { port: 'eighty' }, sources: [{ ...scene7, url: 'ftp://x' }] }),
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining('config.server.port'),
          expect.stringContaining('config.sources.0.url'),
        ]),
      );
    });

    it('names a duplicate source id', () => {
      expect(problemsOf(() => buildConfig({ sources: [scene7, scene7] }))).toEqual([
        'config.sources.1.id: duplicate source id "scene7-eu"',
      ]);
    });

    it('names a facade pointing at a missing source', () => {
      expect(
        problemsOf(() => buildConfig({ sources: [scene7], facades: { ips: { source: 'nope' } } })),
      ).toEqual(['config.facades.ips.source: no scene7 source named "nope"']);
    });

    it('names an unknown source type', () => {
      expect(
        problemsOf(() => buildConfig({ sources: [{ ...scene7, type: 'sap' }] })).join('\n'),
      ).toMatch(/config\.sources\.0\.type/);
    });
  });

  describe('when environment variables are set', () => {
    it('lets PORT and GATEWAY_* override the file', () => {
      const config = buildConfig(
        { sources: [scene7], server: { port: 9000 } },
        { PORT: '8181', GATEWAY_LOG_LEVEL: 'debug' },
      );
      expect(config.server.port).toBe(8181);
      expect(config.server.logLevel).toBe('debug');
    });

    it('reads API keys as id:key pairs', () => {
      const config = buildConfig(
        { sources: [scene7] },
        { GATEWAY_API_KEYS: 'ci:0123456789abcdef0123,ops:fedcba9876543210fedc' },
      );
      expect(config.auth.apiKeys).toEqual([
        { id: 'ci', key: '0123456789abcdef0123' },
        { id: 'ops', key: 'fedcba9876543210fedc' },
      ]);
    });

    it('refuses an unknown GATEWAY_ variable and says what replaced a renamed one', () => {
      const problems = problemsOf(() =>
        buildConfig({ sources: [scene7] }, { GATEWAY_PROT: '1', GATEWAY_PORT: '1' }),
      );
      expect(problems).toEqual([
        expect.stringContaining('unknown environment variable GATEWAY_PROT'),
        'environment variable GATEWAY_PORT is not supported; use PORT instead',
      ]);
    });

    it('substitutes ${NAME} from the environment and names a missing one', () => {
      const withSecret = {
        ...scene7,
        credentials: { mode: 'gateway', user: 'ips@example.com', password: '${IPS_PASSWORD}' },
      };
      expect(
        scene7Of(buildConfig({ sources: [withSecret] }, { IPS_PASSWORD: 'from-env' })).credentials
          .password,
      ).toBe('from-env');
      expect(problemsOf(() => buildConfig({ sources: [withSecret] }, {}))).toEqual([
        'config.sources.0.credentials.password: environment variable IPS_PASSWORD is not set',
      ]);
    });
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'joblog-config-'));

  it('reads YAML', () => {
    const file = join(dir, 'gateway.yaml');
    writeFileSync(
      file,
      `server:\n  port: 9090\nsources:\n  - id: scene7-eu\n    type: scene7\n    url: ${scene7.url}\n    credentials: { mode: passthrough }\n`,
    );
    const config = loadConfigFile(file, {});
    expect(config.server.port).toBe(9090);
    expect(scene7Of(config).credentials.mode).toBe('passthrough');
  });

  it('reads JSON', () => {
    const file = join(dir, 'gateway.json');
    writeFileSync(file, JSON.stringify({ sources: [scene7] }));
    expect(loadConfigFile(file, {}).sources).toHaveLength(1);
  });

  it('names a missing file and a file that does not parse', () => {
    expect(problemsOf(() => loadConfigFile(join(dir, 'missing.yaml'), {}))[0]).toMatch(
      /cannot read config file/,
    );
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'sources: [');
    expect(problemsOf(() => loadConfigFile(bad, {}))[0]).toMatch(/cannot parse config file/);
  });
});
