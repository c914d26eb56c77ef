import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allErrorCodes, codes, type ErrorCode } from '../../../src/errors/codes';
import { GatewayError } from '../../../src/errors/gateway-error';
import { ipsFaultOf } from '../../../src/facades/ips/faults';

// The README's error table is the user-facing catalogue: keep it and src/errors/codes.ts in step
// (fastify's test/internals/errors.test.js habit).
const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const rows = readme
  .split('\n')
  .filter((line) => line.startsWith('| `GW_ERR_'))
  .map((line) => line.split('|').map((cell) => cell.trim()));
const table = new Map(
  rows.map((cells) => [
    cells[1]!.replace(/`/g, ''),
    { status: Number(cells[2]), ips: cells[3]!, solve: cells[5]! },
  ]),
);

describe('the error catalogue', () => {
  it.each(allErrorCodes())(
    'documents %s in the README with its HTTP status and a way to solve it',
    (code) => {
      const row = table.get(code);
      expect(row).toBeDefined();
      expect(row?.status).toBe(codes[code].status);
      expect(row?.solve.length).toBeGreaterThan(5);
    },
  );

  it('has no README row for a code that does not exist', () => {
    expect([...table.keys()].filter((code) => !(code in codes))).toEqual([]);
  });

  it('lists each code once', () => {
    expect(rows).toHaveLength(table.size);
  });

  it.each(allErrorCodes())('shows the IPS fault %s really maps to', (code: ErrorCode) => {
    const fault = ipsFaultOf(new GatewayError(code, 'x'));
    const documented = table.get(code)!.ips;
    expect(documented.startsWith(fault.kind)).toBe(true);
    expect(documented.includes(String(fault.code)) || documented.includes('(upstream code)')).toBe(
      true,
    );
  });
});
