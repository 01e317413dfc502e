/** String `format` checks, with the phrase used in messages ("must be a valid …"). */

type FormatCheck = [test: (value: string) => boolean, expected: string];

const HOSTNAME_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const IPV4_OCTET = /^(?:0|[1-9]\d{0,2})$/;

export function isHostname(value: string): boolean {
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split(".").every((label) => HOSTNAME_LABEL.test(label));
}

export function isEmail(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at <= 0 || at > 64) return false;
  const domain = value.slice(at + 1);
  return EMAIL_LOCAL.test(value.slice(0, at)) && domain.includes(".") && isHostname(domain);
}

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // A month or day out of range rolls the date over into another month (Feb 30 → Mar 1 or 2).
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1;
}

export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match || !isDate(match[1] ?? "")) return false;
  // The maximum hour, minute, second (60: a leap second), offset hour and offset minute. A missing
  // offset (`Z`) reads as NaN, which is never out of range.
  return [23, 59, 60, 23, 59].every((max, index) => !(Number(match[index + 2]) > max));
}

export function isUri(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value) || /\s/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function isIpv4(value: string): boolean {
  const parts = value.split(".");
  return parts.length === 4 && parts.every((part) => IPV4_OCTET.test(part) && Number(part) <= 255);
}

/** Known formats. Unknown ones (e.g. `password`) are annotations only and always pass. */
export const FORMATS: Readonly<Record<string, FormatCheck>> = {
  email: [isEmail, "a valid email address"],
  uri: [isUri, "a valid URL (e.g. https://example.com)"],
  url: [isUri, "a valid URL (e.g. https://example.com)"],
  hostname: [isHostname, "a valid hostname (e.g. api.example.com)"],
  date: [isDate, "a valid date (YYYY-MM-DD)"],
  "date-time": [isDateTime, "a valid date and time (ISO 8601, e.g. 2024-01-31T12:00:00Z)"],
  uuid: [(value) => UUID.test(value), "a valid UUID"],
  ipv4: [isIpv4, "a valid IPv4 address (e.g. 192.168.0.1)"],
};
