/**
 * express re-prototypes every request and response (`Object.setPrototypeOf(req, app.request)`),
 * which on node's objects makes V8 keep each request alive until a full collection. The server's
 * own classes make them with express's prototypes from the start, so that call changes nothing.
 */
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { expressMessages } from '../../../src/server/express-messages';

interface Seen {
  readonly bornRequest: boolean;
  readonly bornResponse: boolean;
}

async function serve(withClasses: boolean): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const app = express();
  const seen: Seen[] = [];
  app.get('/echo', (req, res) => {
    res.json({
      header: req.get('x-test'),
      isIncomingMessage: req instanceof IncomingMessage,
      isServerResponse: res instanceof ServerResponse,
      query: req.query,
    });
  });
  const server = createServer(withClasses ? expressMessages(app) : {}, (req, res) => {
    seen.push({
      bornRequest: Object.getPrototypeOf(req) === app.request,
      bornResponse: Object.getPrototypeOf(res) === app.response,
    });
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, seen };
}

describe('expressMessages', () => {
  it('makes requests and responses with the app prototypes express would set', async () => {
    const { server, url, seen } = await serve(true);
    try {
      const response = await fetch(`${url}/echo?a=1`, { headers: { 'x-test': 'yes' } });
      expect(response.status).toBe(200);
      // express's own request and response methods work, and node's classes are still there.
      expect(await response.json()).toEqual({
        header: 'yes',
        isIncomingMessage: true,
        isServerResponse: true,
        query: { a: '1' },
      });
      expect(seen).toEqual([{ bornRequest: true, bornResponse: true }]);
    } finally {
      server.close();
    }
  });

  it('is what makes them so: node alone makes plain IncomingMessage and ServerResponse', async () => {
    const { server, url, seen } = await serve(false);
    try {
      expect((await fetch(`${url}/echo`)).status).toBe(200);
      expect(seen).toEqual([{ bornRequest: false, bornResponse: false }]);
    } finally {
      server.close();
    }
  });
});
