/**
 * Records appended to running emulators, read through the gateway: `GET /v1/job-logs` lists
 * them with the status asked for (the emulators' tables and the adapters' agree end to end), a
 * time window and a status filter pushed down to each upstream find them, and
 * `GET /v1/job-logs/{id}` reads each one back. The demo's three sources, on loopback port 0.
 */
import {
  BC,
  LOSANT,
  SCENE7,
  startThreeSources,
  type ThreeSources,
} from '../../helpers/three-sources';
import type { UnifiedStatus } from '../../../src/contract';

let stack: ThreeSources;

beforeAll(async () => {
  stack = await startThreeSources();
});
afterAll(() => stack?.close());

interface Item {
  readonly id: string;
  readonly source: { readonly id: string };
  readonly status: UnifiedStatus;
  readonly nativeStatus: string | null;
  readonly time: string | null;
  readonly message: string | null;
  readonly target: { readonly type: string; readonly id: string | null } | null;
}

interface ListBody {
  readonly items: Item[];
  readonly errors: unknown[];
}

async function list(query: Record<string, string>): Promise<Item[]> {
  const response = await stack.get(`/v1/job-logs?${new URLSearchParams(query).toString()}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as ListBody;
  expect(body.errors).toEqual([]);
  return body.items;
}

/** Appends through each emulator's own method; the admin route is the same code (append.test.ts). */
function appenders(): Record<string, (status: UnifiedStatus, time?: string) => void> {
  const { scene7, businessCentral, losant } = stack.demo.emulators;
  return {
    [SCENE7]: (status, time) => scene7.append({ status, ...(time ? { time } : {}) }),
    [BC]: (status, time) => businessCentral.append({ status, ...(time ? { time } : {}) }),
    [LOSANT]: (status, time) => losant.append({ status, ...(time ? { time } : {}) }),
  };
}

const statusesOf = (): Record<string, readonly UnifiedStatus[]> => {
  const { scene7, businessCentral, losant } = stack.demo.emulators;
  return {
    [SCENE7]: scene7.appendableStatuses,
    [BC]: businessCentral.appendableStatuses,
    [LOSANT]: losant.appendableStatuses,
  };
};

describe('GET /v1/job-logs', () => {
  describe('when a failed record was just appended to each emulator', () => {
    it('lists all three in a window from before the append, as failed, and reads each by id', async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      for (const append of Object.values(appenders())) append('failed');
      const items = (await list({ since, limit: '100' })).filter(
        (item) => item.status === 'failed',
      );
      const bySource = new Map(items.map((item) => [item.source.id, item]));
      expect([...bySource.keys()].sort()).toEqual([BC, LOSANT, SCENE7].sort());
      for (const item of bySource.values()) {
        const response = await stack.get(`/v1/job-logs/${encodeURIComponent(item.id)}`);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ id: item.id, status: 'failed' });
      }
    });
  });

  describe.each([SCENE7, BC, LOSANT])(
    'when %s gets one record of each status it can hold, late',
    (source) => {
      // December 2024: before any seeded record, so the window holds only what the test appends.
      const window = { since: '2024-12-01T00:00:00Z', until: '2025-01-01T00:00:00Z' };

      it('lists each with that status, newest first, and filters on status upstream', async () => {
        const statuses = statusesOf()[source]!;
        const append = appenders()[source]!;
        statuses.forEach((status, index) =>
          append(status, `2024-12-${String(10 + index).padStart(2, '0')}T12:00:00Z`),
        );
        const items = await list({ source, ...window, limit: '50' });
        expect(items.map((item) => item.status)).toEqual([...statuses].reverse());
        const times = items.map((item) => item.time ?? '');
        expect([...times].sort().reverse()).toEqual(times);
        const failed = await list({ source, ...window, status: 'failed' });
        expect(failed.map((item) => item.status)).toEqual(['failed']);
        for (const item of items) {
          const response = await stack.get(`/v1/job-logs/${encodeURIComponent(item.id)}`);
          expect(response.status).toBe(200);
          expect(((await response.json()) as Item).status).toBe(item.status);
        }
      });
    },
  );

  describe('when a job of an asset is appended to Scene7 over the admin route', () => {
    it('lists it for that asset too, with the asset entry’s status', async () => {
      const url = stack.demo.emulators.scene7.url;
      const response = await fetch(`${url}/__admin/job-logs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          status: 'warning',
          assetHandle: 'a|732|1|537',
          time: '2024-11-05T10:00:00Z',
        }),
      });
      expect(response.status).toBe(201);
      const { record } = (await response.json()) as { record: { jobHandle: string } };
      const items = await list({ source: SCENE7, assetHandle: 'a|732|1|537', limit: '100' });
      const entry = items.find((item) => item.time === '2024-11-05T10:00:00.000Z');
      expect(entry).toMatchObject({ status: 'warning', nativeStatus: 'UploadWarning' });
      expect(entry?.target).toMatchObject({ type: 'asset', id: 'a|732|1|537' });
      const read = await stack.get(`/v1/job-logs/${encodeURIComponent(entry!.id)}`);
      expect(((await read.json()) as { raw: { jobHandle: string } }).raw.jobHandle).toBe(
        record.jobHandle,
      );
    });
  });
});
