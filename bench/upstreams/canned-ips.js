#!/usr/bin/env node
// A canned Scene7 IPS upstream: a bare node:http server answering every POST with the same
// getAssetJobLogsReturn of RECORDS (default 10) records, and GET ?wsdl with the IPS WSDL.
// Never gzips (the gateway may ask; this upstream, like a loopback one, need not). PORT: where.
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { assetJobLogsEnvelope } = require('../fixtures');

const body = Buffer.from(assetJobLogsEnvelope(Number(process.env.RECORDS ?? 10)));
const wsdl = readFileSync(join(__dirname, '..', '..', 'wsdl', 'IpsApi.wsdl'));

createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    res.end(wsdl);
    return;
  }
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'text/xml; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
