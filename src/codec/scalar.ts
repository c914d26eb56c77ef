import { CodecError } from './errors';
import type { ScalarPlan, ScalarType } from './plan';

// XSD lexical forms (XML Schema 1.1 part 2): decimal/double without INF and NaN, integer.
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const INTEGER = /^[+-]?[0-9]+$/;
// XSD whiteSpace="collapse" for numbers and booleans trims only XML whitespace, not NBSP.
const XML_SPACE_EDGES = /^[ \t\n\r]+|[ \t\n\r]+$/g;

function has(plan: ScalarPlan, type: ScalarType): boolean {
  return plan.types.includes(type);
}

/** Whether text is kept verbatim: the schema admits a string (or says nothing). */
export function keepsString(plan: ScalarPlan): boolean {
  return plan.untyped || has(plan, 'string');
}

/** Types XML text by the schema; throws CodecError when the text has no such lexical form. */
export function parseScalar(text: string, plan: ScalarPlan, path: string): unknown {
  if (keepsString(plan)) return text;
  const trimmed = text.replace(XML_SPACE_EDGES, '');
  if (has(plan, 'number') || has(plan, 'integer')) {
    const numeric = has(plan, 'number') ? DECIMAL : INTEGER;
    if (numeric.test(trimmed)) {
      const value = Number(trimmed);
      if (INTEGER.test(trimmed) && !Number.isSafeInteger(value)) {
        throw new CodecError('integer beyond the exactly representable range', path);
      }
      if (Number.isFinite(value)) return value;
    }
  }
  if (has(plan, 'boolean')) {
    if (trimmed === 'true' || trimmed === '1') return true;
    if (trimmed === 'false' || trimmed === '0') return false;
  }
  if (plan.types.length === 0 && trimmed === '') return null;
  throw new CodecError(`text is not a valid ${describe(plan)}`, path);
}

/** Writes a JSON scalar as XML text (unescaped); throws CodecError when the type is wrong. */
export function formatScalar(value: unknown, plan: ScalarPlan, path = ''): string {
  switch (typeof value) {
    case 'string':
      if (keepsString(plan)) return value;
      break;
    case 'number':
      if (has(plan, 'integer') && Number.isInteger(value)) return formatInteger(value, path);
      if (has(plan, 'number') || plan.untyped) return formatNumber(value, path);
      break;
    case 'boolean':
      if (has(plan, 'boolean') || plan.untyped) return value ? 'true' : 'false';
      break;
    default:
      break;
  }
  throw new CodecError(`expected ${describe(plan)}, got ${kindOf(value)}`, path);
}

function formatInteger(value: number, path: string): string {
  if (!Number.isSafeInteger(value)) {
    throw new CodecError('integer beyond the exactly representable range', path);
  }
  // Safe integers print in plain digits, never with an exponent.
  return String(value);
}

function formatNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new CodecError('NaN and infinities have no XML form', path);
  const text = String(value);
  // Shortest round-trip form. An unsafe integer printed in plain digits would be refused on the
  // way back, so it goes out with an exponent (xsd:double accepts both).
  return INTEGER.test(text) && !Number.isSafeInteger(value) ? value.toExponential() : text;
}

function describe(plan: ScalarPlan): string {
  if (plan.untyped) return 'scalar';
  return plan.types.length === 0 ? 'null' : plan.types.join(' or ');
}

/** A short name of a JSON value's type for error messages (never the value itself). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
