/**
 * The Redis store's live tail when its connection goes silent without closing (a half-open
 * socket: a NAT or load balancer that dropped the flow): Redis never answers the blocked XREAD,
 * so the tail must notice on its own and read again on a new connection.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createStreamTail } from '../../../../src/watch/store/redis-tail';
import { storedEvent } from '../../../../src/watch/store/shape';
import type { StoredEvent } from '../../../../src/watch/types';
import { startRedis, type TestRedis } from '../../../helpers/redis';
import { eventOf, until } from '../../../unit/watch/store/store-contract';

/** A TCP relay to Redis whose open connections can be frozen: nothing more reaches the client. */
interface FreezingRelay {
  readonly port: number;
  /** Stops relaying Redis's answers on every connection open now (later ones work). */
  freeze(): void;
  close(): Promise<void>;
}

function startRelay(redisPort: number): Promise<FreezingRelay> {
  const open = new Set<{ readonly client: Socket; readonly upstream: Socket }>();
  const server: Server = createServer((client) => {
    const upstream = connect(redisPort, '127.0.0.1');
    const pair = { client, upstream };
    open.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = (): void => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address !== null ? address.port : 0,
        freeze() {
          for (const { upstream, client } of open) upstream.unpipe(client);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const { client, upstream } of open) {
              client.destroy();
              upstream.destroy();
            }
            server.close(() => done());
          }),
      });
    });
  });
}

let redis: TestRedis;
let relay: FreezingRelay;
let direct: Redis;
let relayed: Redis;

beforeAll(async () => {
  redis = await startRedis();
  relay = await startRelay(redis.port);
  direct = new Redis(redis.port, '127.0.0.1');
  relayed = new Redis(relay.port, '127.0.0.1', {
    // The gateway's own settings (src/server/redis.ts), which the tail's connection inherits.
    lazyConnect: true,
    enableOfflineQueue: false,
    commandTimeout: 500,
    disconnectTimeout: 200,
  });
  await relayed.connect();
});
afterAll(async () => {
  relayed.disconnect();
  direct.disconnect();
  await relay.close();
  await redis.stop();
});

describe('redis store / live tail on a connection gone silent', () => {
  it('when Redis stops answering the blocked read / the tail reconnects and misses nothing', async () => {
    const key = 'tail-test:watch:events';
    const warnings: string[] = [];
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => warnings.push(String(JSON.parse(line).msg)) },
    );
    const tail = createStreamTail({
      client: relayed,
      key,
      logger,
      lastId: () => Promise.resolve('0-0'),
      decode: (id, fields) => storedEvent(JSON.parse(fields[1] ?? '') as StoredEvent, id),
      blockMs: 200,
      graceMs: 300,
    });
    const events: StoredEvent[] = [];
    tail.subscribe((event) => events.push(event));
    const add = (run: number): Promise<string | null> =>
      direct.xadd(key, '*', 'event', JSON.stringify(eventOf(run)));
    await add(1);
    await until(() => events.length === 1);

    relay.freeze();
    await add(2);
    await add(3);
    await until(() => events.length === 3, 5000);
    expect(events.map(({ id }) => id)).toEqual([eventOf(1).id, eventOf(2).id, eventOf(3).id]);
    expect(warnings).toContain('the watch tail connection went silent; reconnecting');
    await tail.close();
  });
});
