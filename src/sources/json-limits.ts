/** How deep and how large one JSON value may be. */
export interface JsonLimits {
  /** Most objects and arrays nested in one another (the value itself is level 1). */
  readonly maxDepth: number;
  /** Most characters of the value written as JSON (counted without string escapes). */
  readonly maxChars: number;
}

/**
 * The limits of one upstream record. JSON.parse reads any depth, but JSON.stringify overflows V8's
 * stack a few thousand levels down, so a record nested that deep would fail the whole listing when
 * it is written; job logs nest a few levels, and 64 is the depth the SOAP parsers allow too.
 */
export const RECORD_LIMITS: JsonLimits = { maxDepth: 64, maxChars: 1024 * 1024 };

function scalarChars(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return String(value).length;
    case 'boolean':
      return value ? 4 : 5;
    default:
      return value === null ? 4 : 0;
  }
}

/**
 * Says which limit a JSON value (as JSON.parse or the XML codec make them) breaks, or undefined.
 * It walks the value with its own stack, so no depth can overflow the call stack, and stops at the
 * first excess, so an oversized value costs no more than the limit to measure.
 */
export function jsonLimitExceeded(value: unknown, limits: JsonLimits): string | undefined {
  // Two parallel stacks (values and their depths) rather than a pair per value: this walk runs
  // over every record twice, and the pairs were most of what it allocated.
  const values: unknown[] = [value];
  const depths: number[] = [1];
  let chars = 0;
  while (values.length > 0) {
    const item = values.pop();
    const depth = depths.pop() as number;
    if (typeof item !== 'object' || item === null) {
      chars += scalarChars(item);
    } else {
      if (depth > limits.maxDepth) return `is nested deeper than ${limits.maxDepth} levels`;
      if (Array.isArray(item)) {
        // Brackets and commas first: a huge container is refused before its children are listed.
        chars += 2 + Math.max(0, item.length - 1);
        if (chars > limits.maxChars) break;
        for (const child of item as unknown[]) {
          values.push(child);
          depths.push(depth + 1);
        }
      } else {
        // Own keys without listing them first (Object.keys' arrays were 4 % of what a
        // /v1/job-logs request allocated): braces, then each key with its quotes, colon and
        // comma, refused as soon as the count passes the limit.
        chars += 2;
        let comma = 0;
        for (const key in item) {
          if (!Object.hasOwn(item, key)) continue;
          chars += key.length + 3 + comma;
          comma = 1;
          if (chars > limits.maxChars) break;
          values.push((item as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
      }
    }
    if (chars > limits.maxChars) break;
  }
  return chars > limits.maxChars
    ? `is larger than ${limits.maxChars} characters of JSON`
    : undefined;
}
