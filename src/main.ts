#!/usr/bin/env node
// First: V8 settings that must be in place before the gateway allocates (see v8-flags.ts).
import './v8-flags';
import cluster from 'node:cluster';
import { Command } from 'commander';
import { checkUpstreams, exitCodeOfChecks, formatChecks } from './cli/check-upstreams';
import { exitCodeOf, EXIT, formatReport, validateFiles, type ReportFormat } from './cli/validate';
import { ConfigError, loadConfigFile, type Config } from './config/load';
import { superviseWorkers } from './server/cluster';
import { makeLogger } from './server/logger';
import { serveUntilSignalled } from './server/lifecycle';

/** `--workers` as a whole number from 1 to 64 (server.workers' range), or a usage error. */
function workersOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    usage('--workers must be a whole number from 1 to 64');
  return workers;
}

/**
 * `serve` reads its sources from a config file and nothing else: no config, no start. With more
 * than one worker (--workers, else server.workers) this process is the cluster primary and the
 * workers, started with the same arguments, serve; with one it serves itself.
 */
async function serve(env: NodeJS.ProcessEnv, options: { workers?: string } = {}): Promise<void> {
  const configFile = env.GATEWAY_CONFIG;
  if (configFile === undefined || configFile === '') {
    throw new ConfigError([
      'GATEWAY_CONFIG is not set: `serve` needs a config file naming the real upstreams (see README "Configuration"). To try the gateway against emulated upstreams, run `npm start` or `joblog-gateway demo`.',
    ]);
  }
  const config = loadConfigFile(configFile, env);
  const logger = makeLogger(config.server.logLevel);
  const workers = workersOf(options.workers) ?? config.server.workers;
  if (workers > 1 && cluster.isPrimary) {
    superviseWorkers({ workers, logger, shutdownGraceMs: config.server.shutdownGraceMs });
    return;
  }
  await serveUntilSignalled(config, logger);
}

function fail(error: unknown): never {
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`joblog-gateway: ${message}\n`);
  process.exit(error instanceof ConfigError ? 78 : 1);
}

const program = new Command('joblog-gateway')
  .description(
    'One gateway for job logs from Scene7 (SOAP), Business Central (OData) and Losant (REST).',
  )
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('Run the gateway against the upstreams of the config file GATEWAY_CONFIG.')
  .option(
    '-w, --workers <n>',
    'worker processes sharing the port (node:cluster; default server.workers, 1)',
  )
  .action((options: { workers?: string }) => serve(process.env, options).catch(fail));

program
  .command('demo')
  .description(
    'Run the gateway in front of in-process emulators with made-up data (what `npm start` runs).',
  )
  .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
  .option(
    '--tick [ms]',
    'every <ms> milliseconds (default 5000; env DEMO_TICK_MS), append a job log with a random status to a random emulator',
  )
  .option('--no-open', 'do not open the explorer in the browser (it opens only on a desktop)')
  .action(async (options: { host?: string; tick?: string | boolean; open: boolean }) => {
    // Loaded only here: the emulators (and the soap package) never load on the serve path.
    const { runDemo } = await import('./demo/command');
    const { tickIntervalOf } = await import('./demo/ticker');
    let tickMs: number | undefined;
    try {
      tickMs = tickIntervalOf(options.tick, process.env.DEMO_TICK_MS);
    } catch (error) {
      usage((error as Error).message);
    }
    const demo = {
      open: options.open,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(tickMs === undefined ? {} : { tickMs }),
    };
    await runDemo(process.env, makeLogger, demo).catch(fail);
  });

program
  .command('emulate')
  .description('Run an upstream emulator on its own, for trying clients against it.')
  .argument('<system>', 'scene7 | business-central | losant')
  .option('-p, --port <port>', 'port to listen on', '0')
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .action(async (system: string, options: { port: string; host: string }) => {
    const listen = { port: Number(options.port), host: options.host, logger: makeLogger('info') };
    const { runEmulator } = await import('./demo/command');
    if (!(await runEmulator(system, listen)))
      fail(new Error(`unknown emulator "${system}" (known: scene7, business-central, losant)`));
  });

const FORMATS = ['text', 'json', 'junit'];

function formatOf(value: string): ReportFormat {
  if (!FORMATS.includes(value)) usage(`--format must be one of ${FORMATS.join(', ')}`);
  return value as ReportFormat;
}

function usage(message: string): never {
  process.stderr.write(`joblog-gateway: ${message}\n`);
  process.exit(EXIT.usage);
}

program
  .command('validate')
  .description(
    'Validate JSON or YAML documents against a published schema (or a schema file). Exit 0 valid, 1 invalid, 2 could not run.',
  )
  .requiredOption(
    '-s, --schema <name|file>',
    'a schema of schemas/ by short name (unified-job-log, config, scene7-ips#/$defs/AssetJobLog, ...) or a schema file',
  )
  .option('-f, --format <format>', 'text | json | junit', 'text')
  .argument('<files...>', 'documents to validate (.json, .yaml, .yml)')
  .action((files: string[], options: { schema: string; format: string }) => {
    const format = formatOf(options.format);
    let report: ReturnType<typeof validateFiles>;
    try {
      report = validateFiles(options.schema, files);
    } catch (error) {
      usage((error as Error).message);
    }
    process.stdout.write(formatReport(report, format));
    process.exitCode = exitCodeOf(report);
  });

program
  .command('check-upstreams')
  .description(
    'Probe every configured source and validate a sample of its records against the schemas (contract drift). Exit 0 ok, 1 a problem, 2 could not run.',
  )
  .option('-c, --config <file>', 'config file (default: GATEWAY_CONFIG)')
  .option('-f, --format <format>', 'text | json | junit', 'text')
  .option('-n, --sample <n>', 'records to read from each source', '20')
  .action(async (options: { config?: string; format: string; sample: string }) => {
    const format = formatOf(options.format);
    const file = options.config ?? process.env.GATEWAY_CONFIG;
    if (file === undefined || file === '')
      usage('check-upstreams needs --config <file> or GATEWAY_CONFIG');
    const sample = Number(options.sample);
    if (!Number.isInteger(sample) || sample < 1 || sample > 1000)
      usage('--sample must be a whole number from 1 to 1000');
    let config: Readonly<Config>;
    try {
      config = loadConfigFile(file, process.env);
    } catch (error) {
      usage((error as Error).message);
    }
    const checks = await checkUpstreams(config, { logger: makeLogger('silent'), sample });
    process.stdout.write(formatChecks(checks, format));
    process.exitCode = exitCodeOfChecks(checks);
  });

program.parseAsync(process.argv).catch(fail);
