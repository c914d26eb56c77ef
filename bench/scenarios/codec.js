// Reading a getAssetJobLogsReturn SOAP response: the gateway's path vs plain fast-xml-parser vs
// node-soap's WSDL-driven parser, on the same bytes, arms interleaved; then writing the records
// back: the gateway's codec vs node-soap's serializer (see ../README.md).
const { join } = require('node:path');
const { XMLParser } = require('fast-xml-parser');
const soap = require('soap');
const { createSchemaRegistry } = require('../../dist/schemas/registry');
const { parseResponseEnvelope } = require('../../dist/soap/envelope');
const { createScene7Decoder } = require('../../dist/sources/scene7/decode');
const { assetJobLogToUnified } = require('../../dist/sources/scene7/normalize');
const { ipsCodecs } = require('../../dist/protocols/ips/codecs');
const { stampRecord } = require('../../dist/sources/define');
const { assetJobLogsEnvelope } = require('../fixtures');
const { median } = require('./processes');

function timeArm(fn, budgetMs) {
  for (let i = 0; i < 3; i += 1) fn(); // warm
  let iterations = 0;
  const started = process.hrtime.bigint();
  const budget = BigInt(budgetMs) * 1_000_000n;
  while (process.hrtime.bigint() - started < budget) {
    fn();
    iterations += 1;
  }
  return Number(process.hrtime.bigint() - started) / 1e3 / iterations; // µs per op
}

/** Each arm's µs per call over 5 interleaved rounds of 300 ms. */
function interleaved(arms) {
  const samples = Object.fromEntries(Object.keys(arms).map((name) => [name, []]));
  for (let round = 0; round < 5; round += 1) {
    for (const [name, fn] of Object.entries(arms)) samples[name].push(timeArm(fn, 300));
  }
  return samples;
}

async function run() {
  const registry = createSchemaRegistry();
  const decoder = createScene7Decoder('bench', registry, false);
  const validateUnified = registry.validator('unified-job-log');
  const fxp = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
  const client = await soap.createClientAsync(join(__dirname, '..', '..', 'wsdl', 'IpsApi.wsdl'));
  const sizes = (process.env.ITEMS ?? '10,100,1000').split(',').map(Number);
  const rows = [];
  for (const count of sizes) {
    const xml = assetJobLogsEnvelope(count);
    const limits = { maxBytes: 64 * 1024 * 1024, maxDepth: 64 };
    const arms = {
      'gateway: parse + decode + validate + normalize': () => {
        const { body } = parseResponseEnvelope(xml, limits);
        const decoded = decoder.assetJobLogs(body);
        for (const record of decoded.records) {
          if (
            !validateUnified(
              stampRecord('bench', 'scene7', assetJobLogToUnified('c|6', 'a|1', record)),
            )
          )
            throw new Error('invalid');
        }
      },
      'gateway: safe parse only (well-formedness, limits, namespaces)': () =>
        parseResponseEnvelope(xml, limits),
      'gateway: parse + schema decode + native ajv': () =>
        decoder.assetJobLogs(parseResponseEnvelope(xml, limits).body),
      'fast-xml-parser, no checks, no schema': () => fxp.parse(xml),
      'node-soap wsdl.xmlToObject': () => client.wsdl.xmlToObject(xml),
    };
    // Sanity: every arm reads every record.
    if (decoder.assetJobLogs(parseResponseEnvelope(xml, limits).body).records.length !== count)
      throw new Error('gateway lost records');
    const samples = interleaved(arms);
    const soapUs = median(samples['node-soap wsdl.xmlToObject']);
    for (const [name, values] of Object.entries(samples)) {
      const us = median(values);
      rows.push({
        records: count,
        kb: (Buffer.byteLength(xml) / 1024).toFixed(1),
        arm: name,
        us,
        mbps: Buffer.byteLength(xml) / us,
        vsSoap: soapUs / us,
      });
    }
  }
  printRows('Reading', rows);
  printRows('Writing', encodeRows(registry, decoder, client, sizes));
}

/**
 * Writing the same records back as a getAssetJobLogsReturn element: the gateway's schema codec
 * (what the IPS endpoint answers with) against node-soap's objectToDocumentXML (what a node-soap
 * server answers with), from the records each one's reader made.
 */
function encodeRows(registry, decoder, client, sizes) {
  const namespace = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
  const codec = ipsCodecs(registry).returns.getAssetJobLogs;
  const limits = { maxBytes: 64 * 1024 * 1024, maxDepth: 64 };
  const rows = [];
  for (const count of sizes) {
    const xml = assetJobLogsEnvelope(count);
    const records = decoder.assetJobLogs(parseResponseEnvelope(xml, limits).body).records;
    const soapValue = client.wsdl.xmlToObject(xml).Body.getAssetJobLogsReturn;
    const arms = {
      'gateway: schema encode (escaping, namespaces, nil)': () =>
        codec.encode({ jobLogArray: records }, { namespace }),
      'node-soap wsdl.objectToDocumentXML': () =>
        client.wsdl.objectToDocumentXML('getAssetJobLogsReturn', soapValue, 'ns1', namespace),
    };
    const samples = interleaved(arms);
    const soapUs = median(samples['node-soap wsdl.objectToDocumentXML']);
    for (const [name, values] of Object.entries(samples)) {
      const us = median(values);
      const bytes = Buffer.byteLength(arms[name]());
      rows.push({
        records: count,
        kb: (bytes / 1024).toFixed(1),
        arm: name,
        us,
        mbps: bytes / us,
        vsSoap: soapUs / us,
      });
    }
  }
  return rows;
}

function printRows(title, rows) {
  process.stdout.write(
    `\n${title}:\n\n| records | KB | arm | µs/doc (median of 5) | MB/s | speed vs node-soap |\n|---:|---:|---|---:|---:|---:|\n`,
  );
  for (const row of rows) {
    process.stdout.write(
      `| ${row.records} | ${row.kb} | ${row.arm} | ${row.us.toFixed(0)} | ${row.mbps.toFixed(1)} | ${row.vsSoap.toFixed(2)}x |\n`,
    );
  }
}

module.exports = { run };
