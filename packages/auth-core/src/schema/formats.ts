/** String `format` checks, with the phrase used in messages ("must be a valid …"). */

interface FormatCheck {
  test: (value: string) => boolean;
  expected: string;
}

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
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match || !isDate(match[1] ?? "")) return false;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4])];
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (match[5] !== undefined && (Number(match[5]) > 23 || Number(match[6]) > 59)) return false;
  return true;
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
  email: { test: isEmail, expected: "a valid email address" },
  uri: { test: isUri, expected: "a valid URL (e.g. https://example.com)" },
  url: { test: isUri, expected: "a valid URL (e.g. https://example.com)" },
  hostname: { test: isHostname, expected: "a valid hostname (e.g. api.example.com)" },
  date: { test: isDate, expected: "a valid date (YYYY-MM-DD)" },
  "date-time": { test: isDateTime, expected: "a valid date and time (ISO 8601, e.g. 2024-01-31T12:00:00Z)" },
  uuid: { test: (value) => UUID.test(value), expected: "a valid UUID" },
  ipv4: { test: isIpv4, expected: "a valid IPv4 address (e.g. 192.168.0.1)" },
};
