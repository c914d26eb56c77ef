import { namespaceOfCall } from '../../../../src/sources/scene7/client';
import { jobLogDetailsCall, toScene7Call } from '../../../../src/sources/scene7/query';

const ns = (version: string): string => `http://www.scene7.com/IpsApi/xsd/${version}`;

describe('toScene7Call', () => {
  describe('when the query carries getJobLogDetails parameters', () => {
    it('calls getJobLogDetails with them as given, in the default company', () => {
      const details = { jobHandle: 'j|6||Add_1', logTypeArray: ['UploadError'], resultsPage: 2 };
      expect(toScene7Call({ limit: 10, input: { jobLogDetails: details } }, 'c|6')).toEqual({
        operation: 'getJobLogDetails',
        param: { ...details, companyHandle: 'c|6' },
      });
    });

    it('refuses them without a company', () => {
      expect(() => toScene7Call({ limit: 10, input: { jobLogDetails: {} } }, undefined)).toThrow(
        expect.objectContaining({ code: 'GW_ERR_MISSING_PARAMETER' }),
      );
    });
  });

  describe('when the query names an asset', () => {
    it.each([
      [undefined, 'getAssetJobLogs'],
      [false, 'getAssetJobLogs'],
      [true, 'getAssetArchivedJobLogs'],
    ])('with archived %p calls %s', (archived, operation) => {
      const input = {
        assetHandle: 'a|1',
        companyHandle: 'c|6',
        ...(archived === undefined ? {} : { archived }),
      };
      expect(toScene7Call({ limit: 10, input }, undefined)).toEqual({
        operation,
        param: { companyHandle: 'c|6', assetHandle: 'a|1' },
      });
    });
  });
});

describe('jobLogDetailsCall', () => {
  it('asks for one page of 1000 lines (the IPS maximum) of one job', () => {
    expect(jobLogDetailsCall('c|6', 'j|6||Add_1', 3).param).toEqual({
      companyHandle: 'c|6',
      jobHandle: 'j|6||Add_1',
      recordsPerPage: 1000,
      resultsPage: 3,
    });
  });
});

describe('namespaceOfCall', () => {
  it('uses the configured version for an operation its schema has', () => {
    expect(namespaceOfCall('getJobLogDetails', '2008-01-15')).toBe(ns('2008-01-15'));
    expect(namespaceOfCall('getAssetArchivedJobLogs', '2022-11-01-beta')).toBe(
      ns('2022-11-01-beta'),
    );
  });

  it('uses the first version that has it for an operation the configured one lacks', () => {
    expect(namespaceOfCall('getAssetArchivedJobLogs', '2014-04-03')).toBe(ns('2021-01-11-beta'));
  });
});
