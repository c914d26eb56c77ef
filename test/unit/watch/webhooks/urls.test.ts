import type { LookupAddress } from 'node:dns';
import {
  checkWebhookUrl,
  guardedLookup,
  isForbiddenAddress,
  type LookupFunction,
} from '../../../../src/watch/webhooks/urls';

describe('checkWebhookUrl', () => {
  it.each([
    'https://hooks.example.com/joblog?token=abc',
    'https://10.20.0.5:8443/alerts',
    'http://127.0.0.1:9000/hook',
    'http://localhost:9000/hook',
    'http://[::1]:9000/hook',
  ])('accepts %s without a warning (https, or http to loopback)', (url) => {
    expect(checkWebhookUrl('ops', url)).toEqual({ problems: [], warnings: [] });
  });

  it.each(['http://10.20.0.5/alerts', 'http://alerts.internal.example/hook'])(
    'accepts plain http to a non-loopback host %s with a warning that names the endpoint only',
    (url) => {
      const { problems, warnings } = checkWebhookUrl('ops', url);
      expect(problems).toEqual([]);
      expect(warnings).toEqual([expect.stringContaining('webhook "ops": url uses plain http')]);
      expect(warnings[0]).not.toContain(new URL(url).host);
    },
  );

  it.each([
    ['a relative URL', '/hook', 'is not an absolute URL'],
    ['ftp', 'ftp://files.example.com/x', 'must use http or https'],
    ['file', 'file:///etc/passwd', 'must use http or https'],
    ['userinfo', 'https://ops:hunter2@hooks.example.com/x', 'must not carry credentials'],
    ['a user name alone', 'https://ops@hooks.example.com/x', 'must not carry credentials'],
    ['the AWS/Azure/GCP metadata IP', 'http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['the metadata IP in hex', 'http://0xa9fea9fe/', 'link-local'],
    ['the metadata IP with a trailing dot', 'http://169.254.169.254./', 'link-local'],
    ['the metadata IP, IPv4-mapped IPv6', 'http://[::ffff:169.254.169.254]/', 'link-local'],
    ['another link-local IPv4', 'https://169.254.10.1:8443/', 'link-local'],
    ['IPv6 link-local', 'http://[fe80::1]/', 'link-local'],
    ['the top of fe80::/10', 'http://[febf:ffff::1]/', 'link-local'],
    ['AWS IMDS over IPv6', 'http://[fd00:ec2::254]/latest/', 'link-local'],
    ['the GCP metadata name', 'http://metadata.google.internal/computeMetadata/v1/', 'link-local'],
    ['the GCP metadata name, any case, FQDN', 'http://Metadata.Google.Internal./', 'link-local'],
  ])('refuses %s', (_case, url, reason) => {
    const { problems } = checkWebhookUrl('ops', url);
    expect(problems).toEqual([expect.stringContaining(reason)]);
    expect(problems[0]).toMatch(/^webhook "ops": url /);
    expect(problems[0]).not.toContain(url);
    expect(problems[0]).not.toContain('hunter2');
  });

  it.each(['http://[fec0::1]/', 'http://[fd00:ec2::255]/', 'http://169.253.255.255/'])(
    'does not refuse %s, a neighbour of the forbidden ranges',
    (url) => {
      expect(checkWebhookUrl('ops', url).problems).toEqual([]);
    },
  );
});

describe('guardedLookup', () => {
  const answering =
    (addresses: LookupAddress[]): LookupFunction =>
    (_hostname, options, callback) => {
      if (options.all === true) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    };
  const run = (lookup: LookupFunction, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) => {
      lookup('hooks.example.com', { all }, (error, address) => resolve({ error, address }));
    });

  it.each([false, true])('fails a name that resolves to the metadata IP (all: %s)', async (all) => {
    const lookup = guardedLookup(answering([{ address: '169.254.169.254', family: 4 }]));
    expect((await run(lookup, all)).error?.code).toBe('EFORBIDDENADDRESS');
  });

  it('fails when any of the addresses is forbidden (autoSelectFamily tries them all)', async () => {
    const lookup = guardedLookup(
      answering([
        { address: '10.0.0.7', family: 4 },
        { address: 'fe80::7', family: 6 },
      ]),
    );
    expect((await run(lookup, true)).error?.code).toBe('EFORBIDDENADDRESS');
  });

  it('passes ordinary and private addresses through unchanged', async () => {
    const addresses = [
      { address: '10.0.0.7', family: 4 },
      { address: '2001:db8::7', family: 6 },
    ];
    expect(await run(guardedLookup(answering(addresses)), true)).toEqual({
      error: null,
      address: addresses,
    });
    expect(await run(guardedLookup(answering(addresses)), false)).toEqual({
      error: null,
      address: '10.0.0.7',
    });
  });

  it('passes a DNS failure through', async () => {
    const failure: NodeJS.ErrnoException = Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    const lookup = guardedLookup((_h, _o, callback) => callback(failure, ''));
    expect((await run(lookup, false)).error).toBe(failure);
  });
});

describe('isForbiddenAddress', () => {
  it('is false for names and for loopback', () => {
    expect(isForbiddenAddress('metadata.google.internal')).toBe(false);
    expect(isForbiddenAddress('127.0.0.1')).toBe(false);
    expect(isForbiddenAddress('::1')).toBe(false);
  });
});
