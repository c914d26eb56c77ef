#!/usr/bin/env node
// Canned JSON upstreams for the listing scenario, one system per process (SYSTEM=bc|losant, PORT):
// RECORDS (default 500) records newest first, served in pages of PAGE (default 250) exactly as the
// gateway's sources read them. The bodies are built once; a request only picks a page.
//  - bc: Entra ID token endpoint (POST /<tenant>/oauth2/v2.0/token) and
//    GET /v2.0/<tenant>/<environment>/api/v2.0/companies(<id>)/jobQueueLogEntries, paged by
//    @odata.nextLink ($skiptoken), as Business Central pages with Prefer: odata.maxpagesize.
//  - losant: GET /applications/<id>/jobLogs?page=N&perPage=M (page from 0, totalCount).
const { createServer } = require('node:http');
const { URL } = require('node:url');
const { bcRecords, losantRecords } = require('../fixtures');

const SYSTEM = process.env.SYSTEM;
const PORT = Number(process.env.PORT);
const RECORDS = Number(process.env.RECORDS ?? 500);
const PAGE = Number(process.env.PAGE ?? 250);
const origin = `http://127.0.0.1:${PORT}`;

const json = (res, status, body) => {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
};

function bc() {
  const records = bcRecords(RECORDS);
  const pages = new Map(); // skiptoken -> body, built lazily per request path
  const token = Buffer.from(
    JSON.stringify({ access_token: 'bench-token', token_type: 'Bearer', expires_in: 3600 }),
  );
  return (req, res) => {
    const url = new URL(req.url, origin);
    if (req.method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/token'))
      return json(res, 200, token);
    if (!url.pathname.endsWith('/jobQueueLogEntries')) return json(res, 404, Buffer.from('{}'));
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const key = `${url.pathname}?${skip}`;
    let body = pages.get(key);
    if (body === undefined) {
      const next = skip + PAGE < records.length ? new URL(url) : undefined;
      next?.searchParams.set('$skiptoken', String(skip + PAGE));
      body = Buffer.from(
        JSON.stringify({
          '@odata.context': `${origin}/v2.0/$metadata#jobQueueLogEntries`,
          value: records.slice(skip, skip + PAGE),
          ...(next ? { '@odata.nextLink': next.href } : {}),
        }),
      );
      pages.set(key, body);
    }
    return json(res, 200, body);
  };
}

function losant() {
  const records = losantRecords(RECORDS);
  const pages = new Map();
  return (req, res) => {
    const url = new URL(req.url, origin);
    if (!url.pathname.endsWith('/jobLogs')) return json(res, 404, Buffer.from('{}'));
    const page = Number(url.searchParams.get('page') ?? 0);
    const perPage = Number(url.searchParams.get('perPage') ?? 100);
    const key = `${page} ${perPage}`;
    let body = pages.get(key);
    if (body === undefined) {
      const items = records.slice(page * perPage, (page + 1) * perPage);
      body = Buffer.from(
        JSON.stringify({
          items,
          count: items.length,
          totalCount: records.length,
          perPage,
          page,
          sortField: 'runQueuedAt',
          sortDirection: 'desc',
        }),
      );
      pages.set(key, body);
    }
    return json(res, 200, body);
  };
}

const handler = SYSTEM === 'bc' ? bc() : SYSTEM === 'losant' ? losant() : undefined;
if (handler === undefined) throw new Error('SYSTEM must be bc or losant');
createServer((req, res) => {
  req.resume();
  req.on('end', () => handler(req, res));
}).listen(PORT, '127.0.0.1');
