import type { Response } from 'express';

/**
 * Answers with `body` as JSON, in the status already set (200 by default): the bytes and headers
 * `res.json` sends here (`application/json; charset=utf-8`, Content-Length; no body for HEAD), in
 * one write. express's `res.send` turns a text over 1000 characters into a Buffer, which node then
 * writes apart from the headers, and checks request freshness, which without ETags never holds.
 */
export function sendJson(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text, 'utf8'));
  res.end(text);
}
