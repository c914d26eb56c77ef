#!/usr/bin/env node
// Arm (a)'s baseline: the IPS proxy a developer would write with node-soap. A `soap` server on
// the IPS WSDL whose getAssetJobLogs handler calls the upstream (UPSTREAM, a service URL) through
// a `soap` client built once at start, and returns what it answered. PORT: where to listen.
const { createServer } = require('node:http');
const { join } = require('node:path');
const soap = require('soap');

const WSDL = join(__dirname, '..', '..', 'wsdl', 'IpsApi.wsdl');
const PATH = '/scene7/services/IpsApiService';

async function main() {
  const client = await soap.createClientAsync(WSDL, { endpoint: process.env.UPSTREAM });
  // The upstream wants credentials; the proxy passes the caller's authHeader on, as IPS clients expect.
  const forward = async (args, headers) => {
    client.clearSoapHeaders();
    if (headers?.authHeader)
      client.addSoapHeader(
        { authHeader: headers.authHeader },
        '',
        'ns',
        'http://www.scene7.com/IpsApi/xsd',
      );
    const [result] = await client.getAssetJobLogsAsync(args);
    return result;
  };
  const port = {
    getAssetJobLogs: (args, _cb, headers) => forward(args, headers),
  };
  const server = createServer();
  soap.listen(server, {
    path: PATH,
    services: { IpsApiService: { IpsApiSoap11Port: port, IpsApiSoap12Port: port } },
    xml: require('node:fs').readFileSync(WSDL, 'utf8'),
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
