#!/usr/bin/env node
// Runs the named benchmark scenarios (default: all) against the built gateway in dist/.
const scenarios = {
  codec: './scenarios/codec',
  e2e: './scenarios/e2e',
  overload: './scenarios/overload',
  proxy: './scenarios/proxy',
  listing: './scenarios/listing',
  export: './scenarios/export',
  workers: './scenarios/workers',
  gc: './scenarios/gc',
};

async function main() {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  // Flags go to every scenario run: --profile runs a scenario's CPU-profile mode instead.
  const options = { profile: args.includes('--profile') };
  const wanted = args.filter((arg) => !arg.startsWith('--'));
  const names = wanted.length === 0 ? Object.keys(scenarios) : wanted;
  for (const name of names) {
    if (!(name in scenarios))
      throw new Error(`unknown scenario ${name} (known: ${Object.keys(scenarios).join(', ')})`);
  }
  process.stdout.write(
    `node ${process.version}, ${require('node:os').cpus().length} CPUs (${require('node:os').cpus()[0].model})\n\n`,
  );
  for (const name of names) {
    process.stdout.write(`## ${name}\n\n`);
    await require(scenarios[name]).run(options);
    process.stdout.write('\n');
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
