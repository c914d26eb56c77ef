import { decodeRecordKey, encodeRecordKey } from '../../../../src/sources/business-central/key';
import {
  apiBaseOf,
  entryUrl,
  listUrl,
  stringLiteral,
  toODataListParams,
} from '../../../../src/sources/business-central/query';

const COMPANY = 'bb6d48b6-c7b2-4a38-9a93-ad5506407f12';
const API = 'https://api.businesscentral.dynamics.com/v2.0/cronus.com/production/api/v2.0';

describe('toODataListParams', () => {
  describe('when the query has no filter', () => {
    it('asks newest first for one record over the limit', () => {
      expect(toODataListParams({ limit: 100 })).toEqual({
        orderby: 'startDateTime desc,id desc',
        top: 101,
      });
    });
  });

  describe('when the query has a time range', () => {
    it('filters startDateTime: since inclusive, until exclusive, as UTC literals', () => {
      expect(
        toODataListParams({
          since: '2025-03-01T01:00:00+01:00',
          until: '2025-04-01T00:00:00Z',
          limit: 10,
        })?.filter,
      ).toBe(
        'startDateTime ge 2025-03-01T00:00:00.000Z and startDateTime lt 2025-04-01T00:00:00.000Z',
      );
    });

    it('keeps blank start dates out when only until is given', () => {
      expect(toODataListParams({ until: '2025-04-01T00:00:00Z', limit: 10 })?.filter).toBe(
        'startDateTime gt 0001-01-01T00:00:00Z and startDateTime lt 2025-04-01T00:00:00.000Z',
      );
    });
  });

  describe('when the query has statuses', () => {
    it.each([
      [['running'], "status eq 'In_x0020_Process'"],
      [['succeeded', 'failed'], "(status eq 'Success' or status eq 'Error')"],
      [['failed', 'queued'], "status eq 'Error'"],
    ] as const)('maps %j to %s', (status, filter) => {
      expect(toODataListParams({ status, limit: 10 })?.filter).toBe(filter);
    });

    it('leaves status out when every native status is asked for', () => {
      expect(
        toODataListParams({ status: ['succeeded', 'running', 'failed'], limit: 10 })?.filter,
      ).toBeUndefined();
    });

    it('asks nothing when no native status can match', () => {
      expect(
        toODataListParams({ status: ['queued', 'warning', 'unknown'], limit: 10 }),
      ).toBeUndefined();
    });
  });
});

describe('toODataListParams with free text', () => {
  it('searches description and errorMessage, lower-cased on both sides', () => {
    expect(toODataListParams({ text: 'Nothing To POST', limit: 10 })?.filter).toBe(
      "(contains(tolower(description),'nothing to post') or contains(tolower(errorMessage),'nothing to post'))",
    );
  });

  it('quotes the text as an OData string literal (quotes doubled)', () => {
    expect(toODataListParams({ text: "O'Brien", limit: 10 })?.filter).toBe(
      "(contains(tolower(description),'o''brien') or contains(tolower(errorMessage),'o''brien'))",
    );
  });

  it('joins the other filters with and, the two properties kept together', () => {
    expect(
      toODataListParams({
        text: 'post',
        status: ['failed'],
        since: '2025-03-01T00:00:00Z',
        limit: 10,
      })?.filter,
    ).toBe(
      "startDateTime ge 2025-03-01T00:00:00.000Z and status eq 'Error' and (contains(tolower(description),'post') or contains(tolower(errorMessage),'post'))",
    );
  });

  it('reads back as the same $filter from the list URL', () => {
    const params = toODataListParams({ text: "50% d'or, 1:2 & more", limit: 10 })!;
    const url = new URL(listUrl(API, COMPANY, params));
    expect(url.searchParams.get('$filter')).toBe(params.filter);
  });
});

describe('listUrl', () => {
  describe('when given options', () => {
    it('builds the company-scoped entity set URL with readable, encoded options', () => {
      const url = listUrl(API, COMPANY, {
        filter: "startDateTime ge 2025-03-01T00:00:00.000Z and status eq 'Error'",
        orderby: 'startDateTime desc,id desc',
        top: 11,
      });
      expect(url).toBe(
        `${API}/companies(${COMPANY})/jobQueueLogEntries?$filter=startDateTime%20ge%202025-03-01T00:00:00.000Z%20and%20status%20eq%20'Error'&$orderby=startDateTime%20desc,id%20desc&$top=11`,
      );
      expect(new URL(url).searchParams.get('$filter')).toBe(
        "startDateTime ge 2025-03-01T00:00:00.000Z and status eq 'Error'",
      );
    });
  });
});

describe('apiBaseOf', () => {
  describe('when given a source config', () => {
    it('builds the direct tenant endpoint, encoding tenant and environment', () => {
      expect(
        apiBaseOf({
          baseUrl: 'https://api.businesscentral.dynamics.com/',
          tenant: 'cronus.com',
          environment: 'production',
        }),
      ).toBe(API);
      expect(apiBaseOf({ baseUrl: 'http://h', tenant: 'a/b', environment: 'x' })).toBe(
        'http://h/v2.0/a%2Fb/x/api/v2.0',
      );
    });

    it('addresses one entry by its bare GUID key', () => {
      expect(entryUrl(API, COMPANY, 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e')).toBe(
        `${API}/companies(${COMPANY})/jobQueueLogEntries(b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e)`,
      );
    });
  });
});

describe('stringLiteral', () => {
  describe('when the text has quotes', () => {
    it('doubles them', () => {
      expect(stringLiteral("O'Brien")).toBe("'O''Brien'");
    });
  });
});

describe('encodeRecordKey / decodeRecordKey', () => {
  describe('when given two GUIDs', () => {
    it('round-trips them in 43 URL-safe characters, lower case', () => {
      const key = encodeRecordKey(COMPANY.toUpperCase(), 'B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E');
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(decodeRecordKey(key)).toEqual({
        companyId: COMPANY,
        entryId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
      });
    });
  });

  describe('when given text that is not a key', () => {
    it.each([
      '',
      'bm9wZQ',
      'x'.repeat(43),
      `${'A'.repeat(42)}B`,
      'A'.repeat(44),
      '../../etc/passwd',
    ])('returns undefined for %p', (text) => {
      expect(decodeRecordKey(text)).toBeUndefined();
    });
  });
});
