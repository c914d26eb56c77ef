#!/usr/bin/env node
/**
 * Generates src/schemas/types/<name>.ts from schemas/<name>.schema.json with
 * json-schema-to-typescript, so record types are never typed twice by hand.
 * `--check` exits 1 when a generated file is out of date (used by the tests).
 */
const { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { compile } = require('json-schema-to-typescript');

const root = join(__dirname, '..');
const schemasDir = join(root, 'schemas');
const outDir = join(root, 'src', 'schemas', 'types');

const banner = (file) =>
  `/* eslint-disable */\n// Generated from schemas/${file} by scripts/generate-schema-types.js. Do not edit.\n`;

function forTypes(node) {
  if (Array.isArray(node)) node.forEach(forTypes);
  else if (node !== null && typeof node === 'object') {
    delete node.xml;
    // A discriminated oneOf repeats the tag beside the branches for ajv; the branches alone
    // make the clean TypeScript union.
    if (node.discriminator !== undefined) {
      delete node.discriminator;
      delete node.properties;
      delete node.required;
      delete node.type;
    }
    Object.values(node).forEach(forTypes);
  }
}

function typeName(name) {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
}

async function generate() {
  const outputs = {};
  for (const file of readdirSync(schemasDir).sort()) {
    if (!file.endsWith('.schema.json')) continue;
    const name = file.slice(0, -'.schema.json'.length);
    const schema = JSON.parse(readFileSync(join(schemasDir, file), 'utf8'));
    // Types need neither the display title, the $id (it would name the root type) nor the xml
    // annotation (a sibling of $ref would make json-schema-to-typescript emit duplicate types).
    delete schema.title;
    delete schema.$id;
    forTypes(schema);
    const ts = await compile(schema, typeName(name), {
      bannerComment: banner(file),
      unreachableDefinitions: true,
      additionalProperties: false,
      strictIndexSignatures: true,
      cwd: schemasDir,
      declareExternallyReferenced: true,
      format: true,
      ignoreMinAndMaxItems: true,
    });
    outputs[name] = ts;
  }
  return outputs;
}

async function main() {
  const check = process.argv.includes('--check');
  const outputs = await generate();
  mkdirSync(outDir, { recursive: true });
  let stale = [];
  for (const [name, ts] of Object.entries(outputs)) {
    const target = join(outDir, `${name}.ts`);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current === ts) continue;
    if (check) stale.push(name);
    else writeFileSync(target, ts);
  }
  if (stale.length > 0) {
    process.stderr.write(
      `Generated types are stale: ${stale.join(', ')}. Run npm run schemas:types\n`,
    );
    process.exit(1);
  }
}

module.exports = { generate };
if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
