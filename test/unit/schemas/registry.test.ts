import { createSchemaRegistry } from '../../../src/schemas/registry';
it('loads', () => {
  const r = createSchemaRegistry();
  expect(r.names).toEqual(['config', 'scene7-ips', 'unified-job-log']);
  const v = r.validator('scene7-ips#/$defs/AssetJobLog');
  expect(
    v({
      jobHandle: 'j',
      jobName: 'n',
      logMessage: 'm',
      logType: 't',
      submitUserEmail: '',
      logDate: '2007-10-24T16:12:32.297-07:00',
      auxArray: [],
    }),
  ).toBe(true);
  expect(v({ jobHandle: 'j' })).toBe(false);
});
