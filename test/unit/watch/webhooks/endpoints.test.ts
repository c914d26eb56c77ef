import { randomBytes } from 'node:crypto';
import { jobsFor } from '../../../../src/watch/webhooks/dispatcher';
import {
  checkWebhookEndpoints,
  resolveWebhookEndpoints,
  type WebhookEndpointConfig,
} from '../../../../src/watch/webhooks/endpoints';
import { WebhookConfigError } from '../../../../src/watch/webhooks/errors';
import { eventWith } from '../../../fixtures/cloudevents/watch-events';

const secret = (): string => `whsec_${randomBytes(32).toString('base64')}`;
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('jobsFor', () => {
  const endpoints: WebhookEndpointConfig[] = [
    { name: 'everything', url: 'https://a.example/h', secret: secret() },
    { name: 'failures', url: 'https://b.example/h', secret: secret(), statuses: ['failed'] },
    { name: 'losant', url: 'https://c.example/h', secret: secret(), sources: ['losant-factory'] },
    {
      name: 'bc-failures',
      url: 'https://d.example/h',
      secret: secret(),
      sources: ['bc-cronus'],
      statuses: ['failed', 'warning'],
    },
  ];
  const names = (source: string, status: 'failed' | 'warning' | 'succeeded') =>
    jobsFor(eventWith(source, status), endpoints, NOW).map((job) => job.endpoint);

  it('picks the endpoints whose source and status filters match (absent filter: all)', () => {
    expect(names('losant-factory', 'failed')).toEqual(['everything', 'failures', 'losant']);
    expect(names('losant-factory', 'succeeded')).toEqual(['everything', 'losant']);
    expect(names('bc-cronus', 'warning')).toEqual(['everything', 'bc-failures']);
    expect(names('scene7-prod', 'succeeded')).toEqual(['everything']);
  });

  it('makes new jobs due now, keyed <endpoint>:<event id>, carrying the whole event', () => {
    const event = eventWith('bc-cronus', 'failed');
    expect(jobsFor(event, endpoints, NOW).find((job) => job.endpoint === 'bc-failures')).toEqual({
      id: `bc-failures:${event.id}`,
      endpoint: 'bc-failures',
      event,
      attempt: 0,
      dueAt: NOW,
    });
  });

  it('matches nothing with an empty filter list', () => {
    const none = [{ name: 'none', sources: [] }];
    expect(jobsFor(eventWith('losant-factory', 'failed'), none, NOW)).toEqual([]);
  });
});

describe('resolveWebhookEndpoints', () => {
  it('decodes the secrets and parses the URL of valid endpoints, passing warnings on', () => {
    const key = randomBytes(32);
    const { endpoints, warnings } = resolveWebhookEndpoints([
      { name: 'ops', url: 'http://10.1.2.3/h', secret: `whsec_${key.toString('base64')}` },
    ]);
    expect(endpoints).toEqual([
      { name: 'ops', url: new URL('http://10.1.2.3/h'), keys: [key], timeoutMs: undefined },
    ]);
    expect(warnings).toEqual([expect.stringContaining('webhook "ops": url uses plain http')]);
  });

  it('lists every problem at once, naming endpoints, never quoting URLs or secrets', () => {
    const badSecret = 'whsec_c2hvcnQ=';
    const config: WebhookEndpointConfig[] = [
      { name: 'ops', url: 'http://169.254.169.254/x', secret: badSecret },
      { name: 'ops', url: 'https://u:pw@x.example/', secret: secret(), timeoutMs: 0 },
      { name: 'has space', url: 'https://x.example/', secret: secret() },
    ];
    let error: unknown;
    try {
      resolveWebhookEndpoints(config);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WebhookConfigError);
    const { problems } = error as WebhookConfigError;
    expect(problems).toEqual([
      'webhook "ops": url points at a link-local or cloud metadata address',
      'webhook "ops": secret decodes to 5 bytes (24 to 64 allowed)',
      'webhook "ops": name is used twice',
      expect.stringContaining('webhook "ops": url must not carry credentials'),
      'webhook "ops": timeoutMs must be a positive whole number of ms',
      'webhook #2: name must be 1-64 letters, digits, "_" or "-"',
    ]);
    const text = (error as Error).message;
    for (const leak of ['169.254', 'c2hvcnQ', 'pw@', 'x.example']) expect(text).not.toContain(leak);
    expect(checkWebhookEndpoints(config).problems).toEqual(problems);
  });
});
