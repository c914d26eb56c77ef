import { readdirSync } from 'node:fs';
import { createSchemaRegistry, SCHEMAS_DIR, toSchemaUri } from '../../../src/schemas/registry';

const registry = createSchemaRegistry();

describe('createSchemaRegistry', () => {
  it('loads every published schema file under its short name', () => {
    const files = readdirSync(SCHEMAS_DIR)
      .filter((file) => file.endsWith('.schema.json'))
      .map((file) => file.replace('.schema.json', ''))
      .sort();
    expect([...registry.names].sort()).toEqual(files);
  });

  it('compiles a validator once and hands the same one out again', () => {
    const first = registry.validator('scene7-ips#/$defs/AssetJobLog');
    expect(registry.validator(toSchemaUri('scene7-ips#/$defs/AssetJobLog'))).toBe(first);
  });

  describe('when validating with a 2020-12 schema', () => {
    it('accepts a valid record and refuses an incomplete one', () => {
      const validate = registry.validator('scene7-ips#/$defs/AssetJobLog');
      const record = {
        jobHandle: 'j|6||Add_2007-10-24-16:11:07',
        jobName: 'Add_2007-10-24-16:11:07',
        logMessage: 'ApiTestCo/blakexslttest.jpg was processed into IPS',
        logType: 'UploadSuccess',
        submitUserEmail: '',
        logDate: '2007-10-24T16:12:32.297-07:00',
        auxArray: [],
      };
      expect(validate(record)).toBe(true);
      expect(validate({ jobHandle: 'j' })).toBe(false);
    });
  });

  describe('when a schema is published as draft-07', () => {
    it('serves it from the draft-07 instance', () => {
      const validate = registry.validator('losant-job-log');
      expect(validate({ id: '575ec76c7ae143cd83dc4a96', status: 'completed' })).toBe(true);
      expect(validate({ status: 42 })).toBe(false);
    });
  });

  it('resolves absolute URIs for the codec and refuses unknown refs', () => {
    expect(registry.resolveUri(toSchemaUri('unified-job-log'))).toMatchObject({
      title: 'Unified job log (version 1)',
    });
    expect(registry.ref('scene7-ips#/$defs/Fault')).toEqual({
      $ref: toSchemaUri('scene7-ips#/$defs/Fault'),
    });
    expect(() => registry.validator('no-such-schema')).toThrow('Unknown schema: no-such-schema');
  });
});
