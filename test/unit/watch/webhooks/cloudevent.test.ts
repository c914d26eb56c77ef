import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { UNIFIED_STATUSES } from '../../../../src/contract';
import {
  CLOUDEVENT_CONTENT_TYPE,
  cloudEventBody,
  toCloudEvent,
} from '../../../../src/watch/webhooks/cloudevent';
import schema from '../../../fixtures/cloudevents/cloudevents.schema.json';
import {
  eventWith,
  failedLosantEvent,
  timelessEvent,
} from '../../../fixtures/cloudevents/watch-events';

// The official CloudEvents JSON schema (draft-07), compiled strict so that a keyword ajv does not
// know fails here rather than being ignored; the schema's union types (["string", "null"]) allowed.
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
const validateCloudEvent = ajv.compile(schema);

function valid(document: unknown): boolean {
  const ok = validateCloudEvent(document);
  if (!ok) console.error(validateCloudEvent.errors);
  return ok;
}

describe('toCloudEvent', () => {
  it('validates against the official CloudEvents schema, with every attribute we set', () => {
    const event = JSON.parse(cloudEventBody(failedLosantEvent).toString('utf8'));
    expect(valid(event)).toBe(true);
    expect(event).toEqual({
      specversion: '1.0',
      id: failedLosantEvent.id,
      source: '/joblog-gateway/losant-factory',
      type: 'org.joblog-gateway.job_log.failed',
      time: '2025-06-11T15:40:18.250Z',
      subject: '6849a3c27ae143cd83dc4b10',
      datacontenttype: 'application/json',
      data: failedLosantEvent.record,
    });
  });

  it('leaves out time and subject when the record has neither, and still validates', () => {
    const event = toCloudEvent(timelessEvent);
    expect(valid(JSON.parse(JSON.stringify(event)))).toBe(true);
    expect(event).not.toHaveProperty('time');
    expect(event).not.toHaveProperty('subject');
    expect(event.type).toBe('org.joblog-gateway.job_log.unknown');
  });

  it('gives a dot-delimited type per status and a URI-reference source for any source id', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UNIFIED_STATUSES),
        fc.string({ minLength: 1 }),
        (status, id) => {
          const event = JSON.parse(cloudEventBody(eventWith(id, status)).toString('utf8'));
          expect(valid(event)).toBe(true);
          expect(event.type).toBe(`org.joblog-gateway.job_log.${status}`);
          expect(event.type).toMatch(/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/);
          expect(decodeURIComponent(event.source.slice('/joblog-gateway/'.length))).toBe(id);
        },
      ),
    );
  });

  it('keeps the same id for the same event (a resend repeats it; receivers dedupe on it)', () => {
    expect(cloudEventBody(failedLosantEvent)).toEqual(cloudEventBody(failedLosantEvent));
    expect(toCloudEvent(failedLosantEvent).id).toBe(failedLosantEvent.id);
  });

  it('carries data as a JSON value (not a string) and is sent as structured cloudevents+json', () => {
    const event = JSON.parse(cloudEventBody(failedLosantEvent).toString('utf8'));
    expect(typeof event.data).toBe('object');
    expect(event.data.raw.error.message).toBe(
      'Application export exceeded the maximum size of 2GB',
    );
    expect(CLOUDEVENT_CONTENT_TYPE).toBe('application/cloudevents+json; charset=utf-8');
  });

  it('is refused by the schema when a required attribute is missing (the check bites)', () => {
    const { id: _id, ...withoutId } = toCloudEvent(failedLosantEvent);
    expect(validateCloudEvent(withoutId)).toBe(false);
    expect(validateCloudEvent({ ...withoutId, id: 'x', time: 'yesterday' })).toBe(false);
  });
});
