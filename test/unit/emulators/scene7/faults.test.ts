import {
  authenticationFault,
  ipsApiFault,
  renderFaultEnvelope,
  toNodeSoapFault,
} from '../../../../src/emulators/scene7/faults';

describe('toNodeSoapFault', () => {
  describe('when the fault is a caller error', () => {
    it('uses soapenv:Client or env:Sender', () => {
      const fault = authenticationFault(10001, 'Invalid user name or password');
      expect(toNodeSoapFault(fault, '1.1', 500)).toMatchObject({
        faultcode: 'soapenv:Client',
        faultstring: 'AuthenticationException',
        statusCode: 500,
      });
      expect(toNodeSoapFault(fault, '1.2', 200)).toMatchObject({
        Code: { Value: 'env:Sender' },
        statusCode: 200,
      });
    });
  });

  describe('when the fault is 30000', () => {
    it('uses soapenv:Server or env:Receiver', () => {
      const fault = ipsApiFault(30000, 'Internal server error');
      expect(toNodeSoapFault(fault, '1.1', 500)).toMatchObject({ faultcode: 'soapenv:Server' });
      expect(toNodeSoapFault(fault, '1.2', 500)).toMatchObject({ Code: { Value: 'env:Receiver' } });
    });
  });
});

describe('renderFaultEnvelope', () => {
  it('writes the IPS detail with an escaped reason', () => {
    const text = renderFaultEnvelope(ipsApiFault(30003, 'bad <xml> & more'), '1.1');
    expect(text).toContain(
      '<detail><ns1:ipsApiFault xmlns:ns1="http://www.scene7.com/IpsApi/xsd">' +
        '<code xmlns="http://www.scene7.com/IpsApi/xsd">30003</code>' +
        '<reason xmlns="http://www.scene7.com/IpsApi/xsd">bad &lt;xml&gt; &amp; more</reason>',
    );
    expect(text).toContain(
      '<faultcode>soapenv:Client</faultcode><faultstring>IpsApiException</faultstring>',
    );
  });

  it('writes SOAP 1.2 Code, Reason with xml:lang and Detail', () => {
    const text = renderFaultEnvelope(ipsApiFault(30003, 'x'), '1.2');
    expect(text).toContain('<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope">');
    expect(text).toContain(
      '<env:Reason><env:Text xml:lang="en">IpsApiException</env:Text></env:Reason>',
    );
    expect(text).toContain('<env:Detail><ns1:ipsApiFault');
  });
});
