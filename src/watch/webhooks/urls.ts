import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

// Link-local and cloud metadata addresses: refused always, even from the operator's own config
// (decision 11), because a compromised receiver or DNS name could point us at the instance's
// credentials. Node's BlockList also matches IPv4-mapped IPv6 (::ffff:169.254.169.254).
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6'); // AWS IMDS over IPv6
const FORBIDDEN_HOSTS: ReadonlySet<string> = new Set(['metadata.google.internal']);

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The URL's host as an address or name: without IPv6 brackets, a trailing dot or case. */
function bareHost(url: URL): string {
  const host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) return host.slice(1, -1);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function family(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/** True for a link-local or cloud metadata IP address (169.254.0.0/16, fe80::/10, fd00:ec2::254). */
export function isForbiddenAddress(address: string): boolean {
  const type = family(address);
  return type !== undefined && FORBIDDEN.check(address, type);
}

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const type = family(host);
  return type !== undefined && LOOPBACK.check(host, type);
}

/** What is wrong with one endpoint's URL, and what is only worth a warning. */
export interface UrlCheck {
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Checks a webhook URL at start-up (decision 11): http or https, no userinfo, never a
 * link-local or metadata address or name; loopback and private addresses are allowed (the URL
 * is the operator's), plain http to anything but loopback is a warning. Messages name the
 * endpoint, never the URL, which may carry a token in its path or query.
 */
export function checkWebhookUrl(endpoint: string, text: string): UrlCheck {
  const where = `webhook "${endpoint}": url`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problems: [`${where} is not an absolute URL`], warnings: [] };
  }
  const problems: string[] = [];
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`${where} must use http or https`);
  }
  if (url.username !== '' || url.password !== '') {
    problems.push(`${where} must not carry credentials (user:password@); use the signature`);
  }
  const host = bareHost(url);
  if (isForbiddenAddress(host) || FORBIDDEN_HOSTS.has(host)) {
    problems.push(`${where} points at a link-local or cloud metadata address`);
  }
  const warnings =
    problems.length === 0 && url.protocol === 'http:' && !isLoopbackHost(host)
      ? [
          `${where} uses plain http to a host that is not loopback: deliveries are readable on the way`,
        ]
      : [];
  return { problems, warnings };
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `net.connect` lookup function (hostname, options, callback). */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
) => void;

/**
 * Wraps a DNS lookup so that a name resolving to a link-local or metadata address fails to
 * connect: the check start-up cannot make for names, done on the address actually dialled
 * (DNS rebinding included). Give it to the delivery Agent's `connect.lookup`.
 */
export function guardedLookup(base: LookupFunction = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, options, (error, address, addressFamily) => {
      if (error !== null) {
        callback(error, address, addressFamily);
        return;
      }
      const addresses = typeof address === 'string' ? [address] : address.map((a) => a.address);
      if (addresses.some(isForbiddenAddress)) {
        const refused: NodeJS.ErrnoException = new Error(
          'Refused to connect a webhook to a link-local or cloud metadata address.',
        );
        refused.code = 'EFORBIDDENADDRESS';
        callback(refused, address, addressFamily);
        return;
      }
      callback(null, address, addressFamily);
    });
  };
}
