/**
 * Locators: `$` is the root, `.name` a property, `[n]` an array index, `\` escapes `.` and `[`
 * inside names. A locator without a leading `$` is relative to the root (`a.b` ≡ `$.a.b`,
 * `[0]` ≡ `$[0]`). Locators are parsed once into steps; resolution walks the steps.
 */

/** A property name (string) or an array index (number). */
export type Step = string | number;

/**
 * Parses a locator into steps, or returns `null` when it is not a valid locator (not a string,
 * empty, an unclosed/non-numeric `[…]`, or a character other than `.`/`[` after a step).
 */
export function parseLocator(locator: unknown): Step[] | null {
  if (typeof locator !== "string" || locator === "") return null;
  if (locator === "$") return [];
  let source: string;
  if (locator.startsWith("$")) source = locator;
  else if (locator.startsWith("[")) source = `$${locator}`;
  else source = `$.${locator}`;

  const steps: Step[] = [];
  let pos = 1;
  while (pos < source.length) {
    const char = source[pos];
    if (char === ".") {
      const end = nextSeparator(source, pos + 1);
      steps.push(unescapeName(source.slice(pos + 1, end)));
      pos = end;
    } else if (char === "[") {
      const close = source.indexOf("]", pos);
      if (close === -1) return null;
      const digits = source.slice(pos + 1, close);
      if (!/^\d+$/.test(digits)) return null;
      steps.push(Number(digits));
      pos = close + 1;
    } else {
      return null;
    }
  }
  return steps;
}

/** Position of the next unescaped `.` or `[` at or after `from`, or the string length. */
function nextSeparator(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") i++;
    else if (char === "." || char === "[") return i;
  }
  return source.length;
}

function unescapeName(name: string): string {
  return name.includes("\\") ? name.replace(/\\(.)/g, "$1") : name;
}

/**
 * Walks `steps` from `root`. Only own properties are followed (`constructor`, `__proto__`, …
 * resolve to undefined); an index step needs an array.
 */
export function getBySteps(root: unknown, steps: readonly Step[]): unknown {
  let value = root;
  for (let i = 0; i < steps.length; i++) {
    if (typeof value !== "object" || value === null) return undefined;
    const step = steps[i] as Step;
    if (typeof step === "number") {
      if (!Array.isArray(value)) return undefined;
      value = value[step];
    } else {
      if (!Object.hasOwn(value, step)) return undefined;
      value = (value as Record<string, unknown>)[step];
    }
  }
  return value;
}

/** The value at `locator` under `root`; `undefined` when missing or when the locator is invalid. */
export function getByLocator(root: unknown, locator: string): unknown {
  const steps = parseLocator(locator);
  return steps === null ? undefined : getBySteps(root, steps);
}

/** A resolver specialised for the step count (the common 1–3 step locators avoid the loop). */
export function makeGetter(steps: readonly Step[]): (root: unknown) => unknown {
  if (steps.length === 0) return (root) => root;
  if (steps.length === 1 && typeof steps[0] === "string") {
    const name = steps[0];
    return (root) => (typeof root === "object" && root !== null && Object.hasOwn(root, name) ? (root as Record<string, unknown>)[name] : undefined);
  }
  if (steps.length === 2 && typeof steps[0] === "string" && typeof steps[1] === "string") {
    const a = steps[0];
    const b = steps[1];
    return (root) => {
      if (typeof root !== "object" || root === null || !Object.hasOwn(root, a)) return undefined;
      const mid = (root as Record<string, unknown>)[a];
      return typeof mid === "object" && mid !== null && Object.hasOwn(mid, b) ? (mid as Record<string, unknown>)[b] : undefined;
    };
  }
  return (root) => getBySteps(root, steps);
}
