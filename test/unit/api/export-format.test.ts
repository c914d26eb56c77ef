import fc from 'fast-check';
import { CSV_COLUMNS, csvEncoder, csvField, ndjsonEncoder } from '../../../src/api/export-format';
import type { UnifiedJobLog } from '../../../src/contract';

/** Reads one RFC 4180 field back: unquotes a quoted one, doubled quotes included. */
function readField(field: string): string {
  if (!field.startsWith('"')) return field;
  expect(field.endsWith('"')).toBe(true);
  const inner = field.slice(1, -1);
  expect(inner.replace(/""/g, '')).not.toContain('"');
  return inner.replace(/""/g, '"');
}

// A Losant job log as the gateway lists it (shape of schemas/unified-job-log.schema.json).
const record: UnifiedJobLog = {
  id: 'losant-demo.684a1b0e7ae143cd00000004',
  source: { id: 'losant-demo', type: 'losant' },
  job: { id: '575ec76c7ae143cd83dc4a96', name: 'ArchiveData, "nightly"' },
  status: 'failed',
  nativeStatus: 'errored',
  time: '2026-03-01T11:59:56.000Z',
  times: {
    queued: '2026-03-01T11:59:56.000Z',
    started: '2026-03-01T11:59:58.512Z',
    ended: null,
    logged: null,
  },
  message: 'Data table archive failed:\nbucket not writable',
  user: '@ops',
  target: { type: 'application', id: '575ec8687ae143cd83dc4a97', name: null },
  details: [{ message: 'bucket not writable', type: null, time: null }],
  raw: {},
};

describe('csvField', () => {
  it('round-trips any text through RFC 4180 quoting, formula-starting text with a leading quote', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const read = readField(csvField(text));
        expect(read).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      }),
    );
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1:A2)', "'+SUM(A1:A2)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=x,"y"', `"'=x,""y"""`],
    ['plain', 'plain'],
  ])('writes %j as %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('writes null and numbers as they are (no guard on a number)', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
  });
});

describe('csvEncoder', () => {
  it('writes a header row and one CRLF row per record, details as their count', () => {
    expect(csvEncoder.head()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(csvEncoder.record(record)).toBe(
      'losant-demo.684a1b0e7ae143cd00000004,losant-demo,losant,575ec76c7ae143cd83dc4a96,' +
        '"ArchiveData, ""nightly""",failed,errored,2026-03-01T11:59:56.000Z,2026-03-01T11:59:56.000Z,' +
        '2026-03-01T11:59:58.512Z,,,"Data table archive failed:\nbucket not writable",\'@ops,' +
        'application,575ec8687ae143cd83dc4a97,,,1\r\n',
    );
  });

  it('reports in rows whose id starts with #', () => {
    const problem = {
      type: 'http://127.0.0.1/problems/upstream-unreachable',
      title: 'Upstream unreachable',
      status: 502,
      detail: 'losant-demo refused the connection.',
      code: 'GW_ERR_UPSTREAM_UNREACHABLE',
      source: 'losant-demo',
    } as const;
    const message = CSV_COLUMNS.indexOf('message');
    const error = csvEncoder.sourceError('losant-demo', problem).slice(0, -2).split(',');
    expect(error[0]).toBe('#error');
    expect(error[1]).toBe('losant-demo');
    expect(error[message]).toBe('GW_ERR_UPSTREAM_UNREACHABLE: losant-demo refused the connection.');
    expect(csvEncoder.incomplete(problem).startsWith('#incomplete,')).toBe(true);
    const invalid = csvEncoder
      .invalid({ source: 'losant-demo', records: [{ index: 3, pointer: '/status', message: 'x' }] })
      .slice(0, -2)
      .split(',');
    expect(invalid[0]).toBe('#invalid');
    expect(invalid[CSV_COLUMNS.indexOf('details')]).toBe('1');
  });
});

describe('ndjsonEncoder', () => {
  it('writes a record bare on one line and reports with a type', () => {
    const line = ndjsonEncoder.record(record);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(record);
    expect(
      JSON.parse(
        ndjsonEncoder.invalid({
          source: 'losant-demo',
          records: Array.from({ length: 150 }, (_, index) => ({
            index,
            pointer: '',
            message: 'x',
          })),
        }),
      ),
    ).toMatchObject({
      type: 'invalid',
      source: 'losant-demo',
      count: 150,
      records: expect.any(Array),
    });
  });
});
