#!/usr/bin/env node
// Arms (c) and (f)'s ceiling: bare Express serving fixed bytes. GET /v1/job-logs answers the
// contents of BODY_FILE (the gateway's own answer, captured by the scenario) as JSON; GET
// /healthz answers {"status":"ok"}. PORT: where to listen.
const { readFileSync } = require('node:fs');
const express = require('express');

const body = readFileSync(process.env.BODY_FILE);
const app = express();
app.get('/v1/job-logs', (_req, res) => {
  res.type('application/json').send(body);
});
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
