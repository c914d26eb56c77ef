/**
 * GET /v1/job-logs/stream: a client that stops reading is sent `event: dropped` and cut off once
 * more than maxBufferedBytes wait for it, so it can never grow the gateway's memory; the drop is
 * counted. The client is a raw socket that stops reading; the flood is 3000 records with long
 * messages, enough to fill the kernel's socket buffers first.
 */
import { connect } from 'node:net';
import type { Demo } from '../../../src/demo/start';
import { startWatchDemo, startWatchedGateway, tempStateDir } from '../../helpers/watch';

jest.setTimeout(40_000);

const LOSANT = 'losant-demo';

let demo: Demo;
let state: ReturnType<typeof tempStateDir>;
beforeAll(async () => {
  demo = await startWatchDemo();
  state = tempStateDir();
});
afterAll(async () => {
  await demo.close();
  state.remove();
});

describe('GET /v1/job-logs/stream', () => {
  it('cuts off a client that stops reading, with a final event, and counts it', async () => {
    const flooded = await startWatchedGateway(demo, {
      watch: {
        intervalMs: 500,
        lookbackMs: 5_000,
        sources: [LOSANT],
        stateFile: state.file,
        stream: { maxBufferedBytes: 4096 },
      },
    });
    try {
      const url = new URL(flooded.url);
      const socket = connect(Number(url.port), url.hostname);
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `GET /v1/job-logs/stream HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${demo.apiKey}\r\n\r\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await flooded.metric('joblog_gateway_stream_clients', {})).toBe(1);
      // Reads nothing more: the kernel's buffers fill, then the gateway's.
      socket.pause();
      for (let i = 0; i < 3000; i += 1)
        demo.emulators.losant.append({
          status: 'failed',
          jobName: `flood-${i}`,
          message: 'x'.repeat(500),
        });
      for (let tries = 0; ; tries += 1) {
        if (((await flooded.metric('joblog_gateway_stream_dropped_total', {})) ?? 0) > 0) break;
        if (tries > 300) throw new Error('the slow client was never dropped');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await flooded.metric('joblog_gateway_stream_clients', {})).toBe(0);
      socket.resume();
      await closed;
      expect(received).toContain('event: dropped');
    } finally {
      await flooded.close();
    }
  });
});
