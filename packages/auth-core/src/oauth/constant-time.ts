/** Constant-time string comparison for secrets such as `state` and HMAC tags (RFC 9700 §2.1). */

const encoder = new TextEncoder();

/**
 * Compares two strings without an early exit on the first differing byte. The running time depends
 * only on the lengths, which are not secret for `state` values and MACs. Best effort: JavaScript
 * engines give no hard guarantee, but no data-dependent branch is taken.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  const length = Math.max(left.length, right.length);
  let diff = left.length ^ right.length;
  for (let i = 0; i < length; i++) {
    diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  }
  return diff === 0;
}
