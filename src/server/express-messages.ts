import { IncomingMessage, ServerResponse, type ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * Request and response classes for node's HTTP server whose objects are born with `app.request`
 * and `app.response` as their prototypes: express's own (`req.get`, `res.json`, ...).
 *
 * express hands every request to `Object.setPrototypeOf(req, app.request)` and the same for the
 * response. On node's objects that call is costly far beyond its own time: measured here (Node
 * 20), a bare node:http server that only adds those two calls per request drops from about
 * 47,000 to 17,000 requests/s, and 30-60 % of everything it allocates then survives each young
 * collection instead of 0.2 %, so each scavenge copies megabytes and takes 5-20 ms where it took
 * 0.2 ms. In the gateway that was 14-25 % of all CPU time. When the prototype is already the one
 * express sets, V8 returns at once: no new map, no survivors. (bench/RESULTS.md, 2026-11-28.)
 *
 * Node builds its request and response objects with `new options.IncomingMessage(socket)` and
 * `new options.ServerResponse(req, options)`; these constructors run node's own on the new
 * object, so the objects are node's in every field and still `instanceof IncomingMessage`.
 */
export function expressMessages(app: Express): ServerOptions {
  function ExpressRequest(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  ExpressRequest.prototype = app.request as object;
  function ExpressResponse(
    this: ServerResponse,
    req: IncomingMessage,
    options?: { highWaterMark?: number; rejectNonStandardBodyWrites?: boolean },
  ): void {
    // @types/node declares one parameter; node passes the server's options as a second.
    Reflect.apply(ServerResponse, this, [req, options]);
  }
  ExpressResponse.prototype = app.response as object;
  return {
    IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage,
    ServerResponse: ExpressResponse as unknown as typeof ServerResponse,
  };
}
