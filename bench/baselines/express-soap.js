#!/usr/bin/env node
// Arm (b)'s baseline: a JSON route a developer would write with Express and node-soap. GET
// /v1/job-logs calls the upstream (UPSTREAM) with getAssetJobLogs through one `soap` client built
// at start and answers its records as JSON. PORT: where to listen.
const { join } = require('node:path');
const express = require('express');
const soap = require('soap');

const WSDL = join(__dirname, '..', '..', 'wsdl', 'IpsApi.wsdl');

async function main() {
  const client = await soap.createClientAsync(WSDL, { endpoint: process.env.UPSTREAM });
  client.addSoapHeader(
    { authHeader: { user: 'ips-api@example.com', password: 'demo-ips-password' } },
    '',
    'ns',
    'http://www.scene7.com/IpsApi/xsd',
  );
  const app = express();
  app.get('/v1/job-logs', async (req, res, next) => {
    try {
      const [result] = await client.getAssetJobLogsAsync({
        companyHandle: 'c|6',
        assetHandle: String(req.query.assetHandle ?? ''),
      });
      res.json({ items: result?.jobLogArray?.items ?? [] });
    } catch (error) {
      next(error);
    }
  });
  app.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
