import { GatewayError } from '../errors/gateway-error';

/** The listing's paging parameters: the export and the live tail have no pages and refuse them. */
export const PAGING_PARAMETERS = ['limit', 'cursor'] as const;

/**
 * Throws GW_ERR_INVALID_PARAMETER (400) naming the first paging parameter among `params`:
 * `"limit" is not a parameter of <what>`.
 */
export function refusePaging(params: Readonly<Record<string, unknown>>, what: string): void {
  for (const name of PAGING_PARAMETERS) {
    if (Object.hasOwn(params, name))
      throw new GatewayError(
        'GW_ERR_INVALID_PARAMETER',
        `"${name}" is not a parameter of ${what}.`,
        {
          parameter: name,
        },
      );
  }
}
