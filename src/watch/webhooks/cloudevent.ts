import type { UnifiedJobLog, UnifiedStatus } from '../../contract';
import type { WatchEvent } from '../types';

/** The HTTP Content-Type of a structured-mode CloudEvent in the JSON format. */
export const CLOUDEVENT_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/**
 * The event types' reverse-DNS-style prefix; a type is `<prefix>.<status>`
 * (`org.joblog-gateway.job_log.failed`). Receivers filter on it, so it is part of the public
 * surface: change it only with a new version suffix.
 */
export const EVENT_TYPE_PREFIX = 'org.joblog-gateway.job_log';

/** A new job log as a CloudEvents 1.0 event (JSON format, structured mode). */
export interface JobLogCloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: `${typeof EVENT_TYPE_PREFIX}.${UnifiedStatus}`;
  readonly time?: string;
  readonly subject?: string;
  readonly datacontenttype: 'application/json';
  readonly data: UnifiedJobLog;
}

/** The CloudEvents `type` for a status: `org.joblog-gateway.job_log.<status>`. */
export function eventType(status: UnifiedStatus): JobLogCloudEvent['type'] {
  return `${EVENT_TYPE_PREFIX}.${status}`;
}

/**
 * The CloudEvent for a watch event: `id` is the event's stable id (so a resend repeats it),
 * `source` `/joblog-gateway/<source id>`, `time` the record's time and `subject` its job id
 * when it has them, `data` the unified record as a JSON value.
 */
export function toCloudEvent(event: WatchEvent): JobLogCloudEvent {
  const jobId = event.record.job.id;
  return {
    specversion: '1.0',
    id: event.id,
    // A URI-reference: the source id is one path segment, percent-encoded if it needs to be.
    source: `/joblog-gateway/${encodeURIComponent(event.source)}`,
    type: eventType(event.status),
    ...(event.time === null ? {} : { time: event.time }),
    ...(jobId === null || jobId === '' ? {} : { subject: jobId }),
    datacontenttype: 'application/json',
    data: event.record,
  };
}

/**
 * The request body for a watch event: its CloudEvent serialized once, as UTF-8 bytes. Sign and
 * send these very bytes; re-serializing could change them and break the signature.
 */
export function cloudEventBody(event: WatchEvent): Buffer {
  return Buffer.from(JSON.stringify(toCloudEvent(event)), 'utf8');
}
