import type { Response } from 'express';

/** Above this many characters the text is written as a Buffer (see sendJson). */
const STRING_WRITE_MAX = 16 * 1024;

/**
 * Answers with `body` as JSON, in the status already set (200 by default): the bytes and headers
 * `res.json` sends here (`application/json; charset=utf-8`, Content-Length; no body for HEAD),
 * without express's `send`, which re-parses the content type and checks request freshness
 * (which without ETags never holds). A short text goes out with the headers in one write; a long
 * one (a 1000-record listing is about 1 MB) as a Buffer beside them, because node would otherwise
 * join the headers to it and copy the whole text again to write it.
 */
export function sendJson(res: Response, body: unknown): void {
  sendJsonText(res, JSON.stringify(body));
}

/** sendJson for a body already written as JSON (an answer that never changes, made once). */
export function sendJsonText(res: Response, text: string): void {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (text.length <= STRING_WRITE_MAX) {
    res.setHeader('content-length', Buffer.byteLength(text, 'utf8'));
    res.end(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  res.setHeader('content-length', bytes.length);
  res.end(bytes);
}
