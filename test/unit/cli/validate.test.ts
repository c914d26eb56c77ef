import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXml } from '../../../src/codec/xml-tree';
import { exitCodeOf, formatReport, validateFiles } from '../../../src/cli/validate';

const dir = mkdtempSync(join(tmpdir(), 'joblog-validate-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

// A unified record as the gateway serves it (shape from the Scene7 normalizer's tests).
const record = {
  id: 'scene7-eu.WyJhIl0',
  source: { id: 'scene7-eu', type: 'scene7' },
  job: { id: 'j|6||Add_2007-10-24-16:11:07', name: 'Add_2007-10-24-16:11:07' },
  status: 'succeeded',
  nativeStatus: 'UploadSuccess',
  time: '2007-10-24T23:12:32.297Z',
  times: { queued: null, started: null, ended: null, logged: '2007-10-24T23:12:32.297Z' },
  message: 'ApiTestCo/blakexslttest.jpg was processed into IPS',
  user: null,
  target: { type: 'asset', id: 'a|732|1|535', name: null, container: 'c|6' },
  details: [],
  raw: {},
};
const good = file('good.json', JSON.stringify(record));
const goodYaml = file(
  'good.yaml',
  `id: scene7-eu.WyJhIl0\nsource: { id: scene7-eu, type: scene7 }\njob: { id: null, name: null }\nstatus: failed\nnativeStatus: null\ntime: null\ntimes: { queued: null, started: null, ended: null, logged: null }\nmessage: null\nuser: null\ntarget: null\ndetails: []\nraw: {}\n`,
);
const bad = file('bad.json', JSON.stringify({ ...record, status: 'done', extra: 1 }));
const broken = file('broken.json', '{"id": ');

describe('validateFiles', () => {
  describe('when every document is valid', () => {
    it('passes JSON and YAML and exits 0', () => {
      const report = validateFiles('unified-job-log', [good, goodYaml]);
      expect(report.results.map((result) => result.valid)).toEqual([true, true]);
      expect(exitCodeOf(report)).toBe(0);
      expect(formatReport(report, 'text')).toBe(`PASS ${good}\nPASS ${goodYaml}\n`);
    });
  });

  describe('when a document is invalid', () => {
    it('lists every violation with its pointer and exits 1', () => {
      const report = validateFiles('unified-job-log', [good, bad]);
      expect(report.results[1]?.violations).toEqual(
        expect.arrayContaining([
          { pointer: '/', message: 'must NOT have additional properties ("extra")' },
          { pointer: '/status', message: 'must be equal to one of the allowed values' },
        ]),
      );
      expect(exitCodeOf(report)).toBe(1);
    });

    it('reports a document that does not parse as invalid (exit 1)', () => {
      const report = validateFiles('unified-job-log', [broken]);
      expect(report.results[0]).toMatchObject({
        valid: false,
        error: expect.stringMatching(/^does not parse/),
      });
      expect(exitCodeOf(report)).toBe(1);
    });
  });

  describe('when it cannot run', () => {
    it('exits 2 for a file that cannot be read', () => {
      expect(exitCodeOf(validateFiles('unified-job-log', [join(dir, 'missing.json')]))).toBe(2);
    });

    it('throws for an unknown schema, naming the published ones', () => {
      expect(() => validateFiles('no-such-schema', [good])).toThrow(
        /not a published schema \(.*unified-job-log.*\) nor a readable file/,
      );
    });
  });

  describe('when the schema is a $def, a draft-07 upstream schema, or a file', () => {
    it('validates against each', () => {
      const aux = file('aux.json', JSON.stringify({ logMessage: 'm', logType: 'UploadWarning' }));
      expect(validateFiles('scene7-ips#/$defs/JobLogDetailAux', [aux]).results[0]?.valid).toBe(
        true,
      );
      const losant = file(
        'losant.json',
        JSON.stringify({ id: '575ec76c7ae143cd83dc4a96', status: 'completed' }),
      );
      expect(validateFiles('losant-job-log', [losant]).results[0]?.valid).toBe(true);
      const own = file(
        'own.schema.json',
        JSON.stringify({
          type: 'array',
          items: { $ref: 'https://joblog-gateway.example/schemas/unified-job-log.schema.json' },
        }),
      );
      const list = file('list.json', JSON.stringify([record, record]));
      expect(validateFiles(own, [list]).results[0]?.valid).toBe(true);
    });
  });
});

describe('formatReport', () => {
  const report = validateFiles('unified-job-log', [good, bad]);

  it('writes JUnit XML with one test case per file and a failure for the invalid one', () => {
    const xml = formatReport(report, 'junit');
    const suite = parseXml(xml);
    expect(suite.local).toBe('testsuite');
    expect(suite.attributes.find((a) => a.local === 'failures')?.value).toBe('1');
    const cases = suite.children.filter((node) => typeof node !== 'string');
    expect(cases).toHaveLength(2);
  });

  it('writes JSON that round-trips the report', () => {
    expect(JSON.parse(formatReport(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
