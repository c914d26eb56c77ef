import type { FormatDefinition } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';

/**
 * ajv-formats' `date-time` (its full mode: RFC 3339 §5.6, a time zone required, days checked
 * against the month and leap year, a leap second only at 23:59 UTC), read character by character.
 *
 * It accepts exactly the strings ajv-formats accepts (a property test compares the two on
 * generated and arbitrary strings), including ajv-formats' quirks: the date and time may be
 * separated by `T`, `t` or any one whitespace character, and the leap-second rule works on the
 * written hour and minute, so `24:59:00+01:00` passes. ajv-formats splits the string and runs
 * two regular expressions, which for the ten records of one `/v1/job-logs` answer allocated
 * about 16 KB a request (bench/RESULTS.md, 2026-11-28 later); this allocates at most the parts
 * of a numeric zone offset, and the seconds' text in the rare case of a fraction on a 59th or 60th
 * second.
 */
export function isDateTime(text: string): boolean {
  const separator = separatorIndex(text);
  return separator === 10 && isDate(text) && isTime(text, 11);
}

/** Where the one separator is, or -1 when there is none or more than one. */
function separatorIndex(text: string): number {
  let found = -1;
  for (let index = 0; index < text.length; index += 1) {
    if (!isSeparator(text.charCodeAt(index))) continue;
    if (found !== -1) return -1;
    found = index;
  }
  return found;
}

/** `t`, `T`, or what JavaScript's `\s` matches. */
function isSeparator(code: number): boolean {
  if (code === 0x74 || code === 0x54) return true;
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The value of the ASCII digit at `index`, or -1. */
function digit(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0x30 && code <= 0x39 ? code - 0x30 : -1;
}

/** The two-digit number at `index`, or -1. */
function twoDigits(text: string, index: number): number {
  const tens = digit(text, index);
  const units = digit(text, index + 1);
  return tens < 0 || units < 0 ? -1 : tens * 10 + units;
}

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** `yyyy-mm-dd` at the start of the text (the separator follows it). */
function isDate(text: string): boolean {
  const high = twoDigits(text, 0);
  const low = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (high < 0 || low < 0 || month < 0 || day < 0) return false;
  if (text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return false;
  const year = high * 100 + low;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS[month] as number));
}

/** The parts of a time zone: sign (+1 or -1), hours and minutes; null when malformed. */
interface Zone {
  readonly sign: number;
  readonly hours: number;
  readonly minutes: number;
}

const UTC: Zone = { sign: 1, hours: 0, minutes: 0 };

/** `z`, `Z`, `+hh`, `+hhmm` or `+hh:mm` (or `-`) from `index` to the end. */
function zoneAt(text: string, index: number): Zone | null {
  const code = text.charCodeAt(index);
  if (code === 0x7a || code === 0x5a) return index + 1 === text.length ? UTC : null;
  if (code !== 0x2b && code !== 0x2d) return null;
  const sign = code === 0x2d ? -1 : 1;
  const hours = twoDigits(text, index + 1);
  if (hours < 0) return null;
  const rest = text.length - (index + 3);
  if (rest === 0) return { sign, hours, minutes: 0 };
  const from = rest === 3 && text.charCodeAt(index + 3) === 0x3a ? index + 4 : index + 3;
  if (text.length - from !== 2) return null;
  const minutes = twoDigits(text, from);
  return minutes < 0 ? null : { sign, hours, minutes };
}

/** Where `[.f+]` at `index` ends (`index` itself when there is no fraction), or -1. */
function fractionEnd(text: string, index: number): number {
  if (text.charCodeAt(index) !== 0x2e) return index;
  let end = index + 1;
  while (digit(text, end) >= 0) end += 1;
  return end === index + 1 ? -1 : end;
}

/** ajv-formats' leap second: 23:59:60 in UTC, written in any zone. */
function isLeapSecond(hours: number, minutes: number, zone: Zone, seconds: number): boolean {
  const utcMinutes = minutes - zone.minutes * zone.sign;
  const utcHours = hours - zone.hours * zone.sign - (utcMinutes < 0 ? 1 : 0);
  return (
    (utcHours === 23 || utcHours === -1) && (utcMinutes === 59 || utcMinutes === -1) && seconds < 61
  );
}

/** `hh:mm:ss[.f+]` and a zone from `start` to the end. */
function isTime(text: string, start: number): boolean {
  const hours = twoDigits(text, start);
  const minutes = twoDigits(text, start + 3);
  const wholeSeconds = twoDigits(text, start + 6);
  if (hours < 0 || minutes < 0 || wholeSeconds < 0) return false;
  if (text.charCodeAt(start + 2) !== 0x3a || text.charCodeAt(start + 5) !== 0x3a) return false;
  const end = fractionEnd(text, start + 8);
  if (end < 0) return false;
  const zone = zoneAt(text, end);
  if (zone === null || zone.hours > 23 || zone.minutes > 59) return false;
  // The seconds as ajv-formats reads them, a number: a long fraction of 59 can round to 60. Below
  // 59 any fraction stands for itself (only the comparisons with 60 and 61 matter).
  const fraction = end > start + 8;
  const seconds =
    fraction && wholeSeconds >= 59
      ? Number(text.slice(start + 6, end))
      : wholeSeconds + (fraction ? 0.5 : 0);
  if (hours <= 23 && minutes <= 59 && seconds < 60) return true;
  return isLeapSecond(hours, minutes, zone, seconds);
}

const original = fullFormats['date-time'] as {
  readonly compare?: (a: string, b: string) => number | undefined;
};

/** ajv's format definition: this check, and ajv-formats' own comparison of two date-times. */
export const dateTimeFormat: FormatDefinition<string> = {
  type: 'string',
  validate: isDateTime,
  ...(original.compare === undefined ? {} : { compare: original.compare }),
};
