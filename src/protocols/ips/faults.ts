/** The three IPS fault detail elements (scene7-ips.md §4). */
export type IpsFaultKind = 'authenticationFault' | 'authorizationFault' | 'ipsApiFault';

/** faultstring per kind: "AuthorizationException" is documented; the other two by analogy [I]. */
export const IPS_FAULT_STRING: Readonly<Record<IpsFaultKind, string>> = {
  authenticationFault: 'AuthenticationException',
  authorizationFault: 'AuthorizationException',
  ipsApiFault: 'IpsApiException',
};

/** Whether a name is one of the three IPS fault kinds. */
export function isIpsFaultKind(name: string | undefined): name is IpsFaultKind {
  return name !== undefined && Object.hasOwn(IPS_FAULT_STRING, name);
}

/** The IPS fault codes the gateway reads or sends (scene7-ips.md §4 table). */
export const IPS_FAULT_CODE = {
  /** authenticationFault: no credentials. */
  unauthenticated: 10000,
  /** authenticationFault: wrong user or password. */
  badCredentials: 10001,
  /** authorizationFault: no access to the company. */
  forbidden: 20003,
  /** ipsApiFault: an internal or unclassified error. */
  general: 30000,
  /** ipsApiFault: a parameter is invalid. */
  invalidParameter: 30001,
  /** ipsApiFault: a parameter is missing. */
  missingParameter: 30002,
  /** ipsApiFault: the request itself is malformed. */
  malformedRequest: 30003,
} as const;
