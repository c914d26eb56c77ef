import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip, createInflate } from 'node:zlib';
import { GatewayError } from '../errors/gateway-error';

/** A SOAP request body read from the wire in two steps: its head first, then the rest. */
export interface SoapRequestBody {
  /**
   * Resolves once `bytes` bytes have arrived, or the whole body when it is shorter: the text
   * they decode to (up to the last whole character), and whether that is the whole body.
   * Rejects like `text()`.
   */
  head(bytes: number): Promise<{ readonly text: string; readonly whole: boolean }>;
  /**
   * Resolves with the whole body as text. Rejects with PAYLOAD_TOO_LARGE over the limit,
   * SOAP_MALFORMED for bytes that are not valid in the charset (never replaced by U+FFFD), or
   * BAD_REQUEST when the body was cut short or could not be decompressed.
   */
  text(): Promise<string>;
  /**
   * Stops reading a body that will not be used. The rest is drained when it is known to be
   * small (a Content-Length within the limit); otherwise the response gets `Connection: close`.
   */
  abandon(res: ServerResponse): void;
}

export interface SoapRequestBodyOptions {
  /** Most bytes accepted (after decompression). */
  readonly limit: number;
}

function tooLarge(): GatewayError {
  return new GatewayError('GW_ERR_PAYLOAD_TOO_LARGE', 'The request body is over the size limit.');
}

function charsetOf(contentType: string | undefined): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? 'utf-8';
}

function decoderFor(charset: string): () => TextDecoder {
  try {
    new TextDecoder(charset);
  } catch {
    throw new GatewayError(
      'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
      'The request body uses an unsupported charset.',
    );
  }
  // fatal: a byte sequence that is not valid in the charset throws instead of becoming U+FFFD.
  return () => new TextDecoder(charset, { fatal: true });
}

/** The Content-Length the client declared; NaN when it sent none. */
function declaredLengthOf(req: IncomingMessage): number {
  return Number(req.headers['content-length'] ?? Number.NaN);
}

/** The Content-Encoding, lower-cased (`identity` when none). */
function contentEncodingOf(req: IncomingMessage): string {
  return (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
}

function decompressorFor(req: IncomingMessage): Transform | undefined {
  const encoding = contentEncodingOf(req);
  if (encoding === 'identity') return undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  throw new GatewayError(
    'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
    'The request body uses an unsupported content encoding.',
  );
}

/**
 * Starts reading a SOAP request body: size limit (413 from Content-Length before anything is
 * read, or as soon as the stream passes it), gzip or deflate, and strict decoding in the
 * Content-Type's charset (UTF-8 by default). Throws at once for a refused Content-Length,
 * charset or encoding; the body is then not read at all (see `abandon`).
 */
export function readSoapBody(
  req: IncomingMessage,
  options: SoapRequestBodyOptions,
): SoapRequestBody {
  const { limit } = options;
  const decompress = decompressorFor(req);
  if (decompress === undefined && declaredLengthOf(req) > limit) throw tooLarge();
  const decoder = decoderFor(charsetOf(req.headers['content-type']));
  const stream = decompress ?? req;

  const chunks: Buffer[] = [];
  let received = 0;
  let ended = false;
  let failure: GatewayError | undefined;
  let waiters: Array<() => void> = [];
  const wake = (): void => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  const fail = (error: GatewayError): void => {
    failure ??= error;
    stop();
    wake();
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > limit) fail(tooLarge());
    else chunks.push(chunk);
    wake();
  };
  const onEnd = (): void => {
    ended = true;
    wake();
  };
  const onError = (): void => {
    fail(
      new GatewayError(
        'GW_ERR_BAD_REQUEST',
        decompress === undefined
          ? 'The request body was cut short.'
          : 'The request body could not be decompressed.',
      ),
    );
  };
  const onClose = (): void => {
    if (!req.complete)
      fail(new GatewayError('GW_ERR_BAD_REQUEST', 'The request body was cut short.'));
  };
  function stop(): void {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('error', onError);
    req.off('close', onClose);
    if (decompress !== undefined) {
      req.unpipe(decompress);
      decompress.destroy();
    }
  }

  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', onError);
  req.on('close', onClose);
  if (decompress !== undefined) {
    req.on('error', onError);
    req.pipe(decompress);
  }

  async function until(ready: () => boolean): Promise<Buffer> {
    while (failure === undefined && !ended && !ready()) {
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    if (failure !== undefined) throw failure;
    return Buffer.concat(chunks);
  }

  function decode(bytes: Uint8Array, stream: boolean): string {
    try {
      return decoder().decode(bytes, { stream });
    } catch (error) {
      throw new GatewayError(
        'GW_ERR_SOAP_MALFORMED',
        'The request is not a valid SOAP message: its bytes are not valid in its charset.',
        { cause: error },
      );
    }
  }

  let whole: Promise<string> | undefined;
  return {
    async head(bytes) {
      const buffer = await until(() => received >= bytes);
      if (ended && buffer.length <= bytes) return { text: decode(buffer, false), whole: true };
      // Streaming decode: a character cut at the end is left out, not an error.
      return { text: decode(buffer.subarray(0, bytes), true), whole: false };
    },
    text() {
      // Decoded once: a receiver may look at the whole text before it parses it.
      whole ??= until(() => false).then((buffer) => decode(buffer, false));
      return whole;
    },
    abandon(res) {
      if (ended) return;
      stop();
      failure ??= new GatewayError('GW_ERR_BAD_REQUEST', 'The request body was not read.');
      wake();
      discardSoapBody(req, res, limit);
    },
  };
}

/**
 * Drops a request body that will not be read (or not read further): drained when its
 * Content-Length is within `limit` and it is not compressed, so the connection can be reused;
 * otherwise the response gets `Connection: close` and the bytes that still come are dropped.
 */
export function discardSoapBody(req: IncomingMessage, res: ServerResponse, limit: number): void {
  if (req.complete) return;
  const bounded = contentEncodingOf(req) === 'identity' && declaredLengthOf(req) <= limit;
  if (!bounded && !res.headersSent) res.setHeader('connection', 'close');
  // Pull the rest off the wire, so the response is not held up by back-pressure.
  req.resume();
}
