import {
  apiVersionOfNamespace,
  isSupportedApiVersion,
  supportsAuxArray,
} from '../../../../src/emulators/scene7/namespaces';

describe('apiVersionOfNamespace', () => {
  it.each([
    ['http://www.scene7.com/IpsApi/xsd/2008-01-15', '2008-01-15'],
    ['http://www.scene7.com/IpsApi/xsd/2016-01-14-beta', '2016-01-14-beta'],
    ['http://www.scene7.com/IpsApi/xsd/2007-06-01', null],
    ['http://www.scene7.com/IpsApi/xsd', null],
    ['urn:other', null],
  ])('reads %s as %s', (namespace, version) => {
    expect(apiVersionOfNamespace(namespace)).toBe(version);
  });
});

describe('isSupportedApiVersion', () => {
  it('rejects names that are not dated versions', () => {
    expect(isSupportedApiVersion('latest')).toBe(false);
    expect(isSupportedApiVersion('2014-04-03-alpha')).toBe(false);
  });
});

describe('supportsAuxArray', () => {
  it('starts with 2010-01-31', () => {
    expect(supportsAuxArray('2009-07-31')).toBe(false);
    expect(supportsAuxArray('2010-01-31')).toBe(true);
    expect(supportsAuxArray('2016-01-14-beta')).toBe(true);
  });
});
