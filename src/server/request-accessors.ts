/**
 * Defines `name` as an accessor on the prototype `object` was made with, once per prototype; the
 * accessor keeps its per-object state in the object's own (symbol-keyed) fields.
 *
 * Middleware that wants a lazy or watched property on each request could define an accessor on
 * each request object, with closures over that request. V8 then holds those closures, and with
 * them the whole request, until the next full collection: measured here (bench/RESULTS.md,
 * 2026-11-28), three such accessors per request made 40 % of everything a request allocated
 * survive each young collection. Defined once on the prototype, no closure is made per request.
 */
export function definePrototypeAccessor<T extends object>(
  object: T,
  name: string,
  accessor: { get(this: T): unknown; set(this: T, value: unknown): void },
): void {
  const prototype = Object.getPrototypeOf(object) as object | null;
  if (prototype === null || Object.hasOwn(prototype, name)) return;
  Object.defineProperty(prototype, name, { configurable: true, enumerable: true, ...accessor });
}
