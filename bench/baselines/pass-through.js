#!/usr/bin/env node
// The layout's floor for (d): a proxy that does almost nothing. node:http takes a request, an
// undici pool (keep-alive, as the gateway's) sends its body to UPSTREAM (a service URL) as it came,
// and the upstream's status, content type and bytes go back: no parsing, no checks, no log. Run
// on the gateway's core at the gateway's rate, its p99 shows what the extra process and hop alone
// add to the tail on this machine. PORT: where to listen.
const { createServer } = require('node:http');
const { URL } = require('node:url');
const { Pool } = require('undici');

const upstream = new URL(process.env.UPSTREAM);
const pool = new Pool(upstream.origin, { connections: 32 });
const path = upstream.pathname + upstream.search;

async function forward(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const answer = await pool.request({
    path,
    method: req.method,
    headers: {
      'content-type': req.headers['content-type'] ?? 'text/xml; charset=utf-8',
      soapaction: req.headers.soapaction ?? '',
    },
    body: chunks.length === 0 ? undefined : Buffer.concat(chunks),
  });
  const body = Buffer.from(await answer.body.arrayBuffer());
  res.writeHead(answer.statusCode, {
    'content-type': answer.headers['content-type'] ?? 'application/octet-stream',
    'content-length': body.length,
  });
  res.end(body);
}

createServer((req, res) => {
  forward(req, res).catch(() => {
    res.statusCode = 502;
    res.end();
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
