#!/usr/bin/env node
// Arm (e)'s floor: the least a listing of two JSON upstreams can cost, in one process. Each
// request reads the same pages the gateway reads (Business Central by @odata.nextLink from
// BC_URL, Losant pages 0.. of LOSANT_PAGE records from LOSANT_URL) with undici.request,
// JSON.parses them, and answers JSON.stringify of the first LIMIT records. No validation, no
// normalization, no merge by time, no logging. PORT: where to listen.
const { createServer } = require('node:http');
const { request } = require('undici');

const LIMIT = Number(process.env.LIMIT ?? 1000);
const LOSANT_PAGE = Number(process.env.LOSANT_PAGE ?? 250);

async function getJson(url, headers) {
  const response = await request(url, { headers });
  return JSON.parse(await response.body.text());
}

async function listing() {
  const bc = (async () => {
    const records = [];
    let url = process.env.BC_URL;
    while (url !== undefined && records.length <= LIMIT) {
      const page = await getJson(url, { authorization: 'Bearer bench-token' });
      records.push(...page.value);
      url = page['@odata.nextLink'];
    }
    return records;
  })();
  const losant = (async () => {
    const records = [];
    for (let page = 0; records.length <= LIMIT; page += 1) {
      const url = `${process.env.LOSANT_URL}?sortField=runQueuedAt&sortDirection=desc&page=${page}&perPage=${LOSANT_PAGE}`;
      const body = await getJson(url, { authorization: 'Bearer bench-token' });
      records.push(...body.items);
      if (body.items.length === 0 || (page + 1) * LOSANT_PAGE >= body.totalCount) break;
    }
    return records;
  })();
  const [a, b] = await Promise.all([bc, losant]);
  return JSON.stringify({ items: [...a, ...b].slice(0, LIMIT) });
}

createServer((req, res) => {
  req.resume();
  listing().then(
    (body) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    },
    (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    },
  );
}).listen(Number(process.env.PORT), '127.0.0.1');
