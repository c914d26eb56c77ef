import express, { type Express, type RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Logger } from 'pino';
import { buildOpenApi } from '../api/openapi';
import { v1Routes } from '../api/routes';
import type { StreamHub } from '../api/stream';
import { codes } from '../errors/codes';
import { GatewayError } from '../errors/gateway-error';
import { explorerRoutes } from '../explorer/routes';
import { createIpsFacade } from '../facades/ips/router';
import { createJobLogServiceFacade } from '../facades/joblog-service/router';
import { createCursorCodec } from '../joblogs/cursor';
import type { JobLogService } from '../joblogs/service';
import { requestContext, type HostPolicy } from '../request/context';
import type { SchemaRegistry } from '../schemas/registry';
import type { Config, Scene7Source } from '../schemas/types/config';
import { healthRoutes } from './health';
import type { InFlight } from './in-flight';
import type { AdmissionControl } from './middleware/admission';
import { accessLog } from './middleware/access-log';
import { createUserCheck, requireApiKey } from './middleware/auth';
import { errorHandler } from './middleware/error-handler';
import { inOrder } from './middleware/in-order';
import { securityHeaders } from './middleware/security-headers';
import type { GatewayMetrics } from './metrics';

export interface AppDeps {
  readonly config: Readonly<Config>;
  readonly service: JobLogService;
  readonly registry: SchemaRegistry;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Tracks requests in process (shutdown and client timeouts answer them). */
  readonly inFlight: InFlight;
  readonly admission: AdmissionControl;
  /** Where the gateway's own URLs point (server.publicUrl, server.allowedHosts). */
  readonly hosts: HostPolicy;
  /** The live tail, when the watcher runs. */
  readonly stream?: StreamHub;
}

/**
 * Hands a request to `handler` (a router) only when `serves` says it can be one of its paths: a
 * request for another path skips it without express entering the router and trying each of its
 * routes. Purely an order of checks: the router still decides what it answers.
 */
function only(serves: (path: string) => boolean, handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    // Express matches routes case-insensitively and with an optional trailing slash; so does this.
    if (serves(req.path.toLowerCase())) {
      void handler(req, res, next);
      return;
    }
    next();
  };
}

function ipsSourceOf(config: Readonly<Config>): Scene7Source | undefined {
  const wanted = config.facades.ips.source;
  return config.sources.find(
    (source): source is Scene7Source =>
      source.type === 'scene7' && (wanted === undefined || source.id === wanted),
  );
}

/**
 * Assembles the express app without listening (main.ts listens; tests listen on port 0).
 * The pipeline, in order: security headers, request context, access log, metrics, in-flight
 * tracking and admission hooks, health and metrics (exempt from the in-flight cap), SOAP facades
 * (they authenticate SOAP callers and admit them themselves), the in-flight cap, public routes
 * (the explorer, OpenAPI, docs, problem types), the API-key check (which admits the key), /v1, 404, error renderer.
 */
export function createApp(deps: AppDeps): Express {
  const { config, service, registry, logger, metrics, inFlight, admission } = deps;
  const ipsSource = ipsSourceOf(config);
  // One cursor codec for the JSON API and JobLogService (without configured secrets, its random
  // one is per codec).
  const cursors = createCursorCodec(config.auth.cursorSecrets);
  // One check of SOAP users for both SOAP facades (it digests the configured users once).
  const checkUser = createUserCheck(config.auth.soapUsers);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // No ETag: express would hash every answer body to make one, and a job-log read is answered
  // from the upstream each time anyway (a 304 saves bytes, not work). Caching belongs to the
  // response cache (sources[].cacheTtlMs).
  app.set('etag', false);

  // What every request passes, as one layer (see inOrder).
  app.use(
    inOrder(
      securityHeaders(),
      requestContext({ requestTimeoutMs: config.server.requestTimeoutMs, hosts: deps.hosts }),
      accessLog(logger),
      metrics.middleware,
      inFlight.track,
      admission.install,
    ),
  );

  app.use(healthRoutes(service));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(
    only(
      (path) => path.startsWith('/scene7/'),
      createIpsFacade({
        service,
        registry,
        sourceId: ipsSource?.id,
        credentialsMode: ipsSource?.credentials.mode ?? 'gateway',
        checkUser,
        bodyLimitBytes: config.server.bodyLimitBytes,
        ips: config.facades.ips,
        xmlMaxDepth: config.server.xmlMaxDepth,
      }),
    ),
  );
  app.use(
    only(
      (path) => path.startsWith('/soap/'),
      createJobLogServiceFacade({
        service,
        registry,
        cursors,
        checkUser,
        bodyLimitBytes: config.server.bodyLimitBytes,
        limits: config.facades.ips,
        xmlMaxDepth: config.server.xmlMaxDepth,
      }),
    ),
  );

  // Everything below counts against server.maxInFlight; the SOAP facades count their POSTs
  // themselves (request/admission.ts), so that a shed request gets their fault.
  app.use(admission.gate);

  // The browser explorer (public page; its /v1 calls carry the key) and `/` redirecting to it.
  app.use(only((path) => path === '/' || path.startsWith('/explorer'), explorerRoutes()));

  const openApi = buildOpenApi(registry);
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use(
    '/docs',
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' } }),
  );
  app.get('/problems/:slug', (req, res) => {
    const entry = Object.entries(codes).find(([, spec]) => spec.slug === req.params.slug);
    if (entry === undefined) throw new GatewayError('GW_ERR_NOT_FOUND', 'No such problem type.');
    const [code, spec] = entry;
    res
      .type('text/plain; charset=utf-8')
      .send(
        `${spec.title} (${code}, HTTP ${spec.status})\nSee the error table in README.md for what it means and how to solve it.\n`,
      );
  });

  app.use(
    '/v1',
    requireApiKey(config.auth.apiKeys),
    express.json({ limit: config.server.bodyLimitBytes }),
    v1Routes({
      service,
      registry,
      cursors,
      ...(deps.stream === undefined ? {} : { stream: deps.stream }),
    }),
  );

  app.use(() => {
    throw new GatewayError('GW_ERR_NOT_FOUND', 'There is nothing at this path.');
  });
  app.use(errorHandler(logger));
  return app;
}
