import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type Listening } from '../../../../src/emulators/shared/listen';
import { TimerSet } from '../../../../src/emulators/shared/timers';

const answerOk = (_req: IncomingMessage, res: ServerResponse): void => {
  res.end('ok');
};

const get = (url: string): Promise<string> => fetch(url).then((response) => response.text());

describe('listenOnLoopback', () => {
  let listening: Listening | undefined;
  afterEach(() => listening?.close());

  describe('when given no host or port', () => {
    it('listens on 127.0.0.1 on an ephemeral port and serves the app', async () => {
      listening = await listenOnLoopback(answerOk, { timers: new TimerSet() });
      expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect(get(listening.url)).resolves.toBe('ok');
    });
  });

  describe('when given an IPv6 host', () => {
    it('puts the host in brackets in the url', async () => {
      listening = await listenOnLoopback(answerOk, { host: '::1', timers: new TimerSet() });
      expect(listening.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      await expect(get(listening.url)).resolves.toBe('ok');
    });
  });

  describe('when the port is taken', () => {
    it('rejects with the listen error', async () => {
      listening = await listenOnLoopback(answerOk, { timers: new TimerSet() });
      const port = Number(new URL(listening.url).port);
      await expect(listenOnLoopback(answerOk, { port, timers: new TimerSet() })).rejects.toThrow(
        /EADDRINUSE/,
      );
    });
  });

  describe('when closed with a request hanging', () => {
    it('ends the hung socket and resolves', async () => {
      let seen: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => (seen = resolve));
      const server = await listenOnLoopback(() => seen(), { timers: new TimerSet() });
      const pending = get(server.url);
      await arrived;
      await server.close();
      await expect(pending).rejects.toThrow();
    });
  });

  describe('when closed with timers pending', () => {
    it('cancels them', async () => {
      const timers = new TimerSet();
      const server = await listenOnLoopback(answerOk, { timers });
      const task = jest.fn();
      timers.after(20, task);
      await server.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(task).not.toHaveBeenCalled();
    });
  });

  describe('when closed twice', () => {
    it('answers the same promise', async () => {
      const server = await listenOnLoopback(answerOk, { timers: new TimerSet() });
      const first = server.close();
      expect(server.close()).toBe(first);
      await first;
    });
  });
});
