import type { ServerResponse } from 'node:http';
import type { TimerSet } from './timers';
import type { WireReply } from './wire-reply';

/** Answer with this status, headers and body instead; what is left out is the system's own. */
export interface HttpErrorFault {
  readonly kind: 'http-error';
  readonly status: number;
  /** Default: the system's error body for the status (see its README). */
  readonly body?: string;
  /** Default: the Content-Type of the system's error answers. */
  readonly contentType?: string;
  /** Sent over the system's headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The transport faults every emulator injects and answers alike; each adds its own kinds. */
export type CommonFault =
  | HttpErrorFault
  /** Answer normally after a delay. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Read the request and never answer (until close). */
  | { readonly kind: 'hang' }
  /** Reset the TCP connection (RST) without answering. */
  | { readonly kind: 'reset' }
  /** 200 in the system's content type with a body cut off in the middle. */
  | { readonly kind: 'malformed' };

// A record, not a list, so that a new common kind cannot be left out.
const COMMON_KINDS: Readonly<Record<CommonFault['kind'], true>> = {
  'http-error': true,
  delay: true,
  hang: true,
  reset: true,
  malformed: true,
};

/** True when `fault` is one of the common kinds, which `answerCommonFault` answers. */
export function isCommonFault<F extends { readonly kind: string }>(
  fault: F,
): fault is Extract<F, CommonFault> {
  return Object.hasOwn(COMMON_KINDS, fault.kind);
}

/** Throws RangeError on a common fault that cannot be applied (status outside 100..999, bad ms). */
export function checkCommonFault(fault: CommonFault): void {
  if (
    fault.kind === 'http-error' &&
    (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 999)
  ) {
    throw new RangeError(`http-error status must be 100..999, not ${fault.status}`);
  }
  if (fault.kind === 'delay' && (!(fault.ms >= 0) || !Number.isFinite(fault.ms))) {
    throw new RangeError(`delay ms must be a finite number >= 0, not ${fault.ms}`);
  }
}

/** How one system words the common faults: its framing, its error answer, its broken body. */
export interface FaultDialect {
  /** Writes a reply as the system frames its answers (chunked, or with Content-Length). */
  readonly send: (res: ServerResponse, reply: WireReply) => void;
  /** Headers of an http-error answer, under the fault's own (the error Content-Type at least). */
  readonly errorHeaders: Readonly<Record<string, string>>;
  /** Body of an http-error answer whose fault gives none. */
  readonly errorBody: (status: number) => string;
  /** The 200 answer of a malformed fault. */
  readonly malformed: () => WireReply;
}

/** The request a common fault is answering. */
export interface FaultExchange {
  readonly res: ServerResponse;
  /** The emulator's timers, so that close() cancels a delayed answer. */
  readonly timers: TimerSet;
  /** The answer the request would get without the fault. */
  readonly produce: () => WireReply | Promise<WireReply>;
}

/** Answers the current request as a common fault says, in the system's dialect. */
export async function answerCommonFault(
  fault: CommonFault,
  exchange: FaultExchange,
  dialect: FaultDialect,
): Promise<void> {
  const { res } = exchange;
  switch (fault.kind) {
    case 'http-error':
      dialect.send(res, httpErrorReply(fault, dialect));
      return;
    case 'delay': {
      // Produced now (auth, throttling) and sent later, as a slow upstream would.
      const reply = await exchange.produce();
      exchange.timers.after(fault.ms, () => {
        if (!res.destroyed) dialect.send(res, reply);
      });
      return;
    }
    case 'hang':
      // Never answered: the socket stays open until the client gives up or close() destroys it.
      return;
    case 'reset':
      res.socket?.resetAndDestroy();
      return;
    case 'malformed':
      dialect.send(res, dialect.malformed());
      return;
  }
}

function httpErrorReply(fault: HttpErrorFault, dialect: FaultDialect): WireReply {
  return {
    status: fault.status,
    headers: {
      ...dialect.errorHeaders,
      ...(fault.contentType === undefined ? {} : { 'Content-Type': fault.contentType }),
      ...fault.headers,
    },
    body: Buffer.from(fault.body ?? dialect.errorBody(fault.status), 'utf8'),
  };
}
