/** JSON pointers (RFC 6901): building, splitting and reading. */

/** Appends tokens to a pointer, escaped (`~` → `~0`, `/` → `~1`): `joinPointer("/auth", "options", "a/b")` → `/auth/options/a~1b`. */
export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((token) => `/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** Splits a pointer into unescaped tokens; `""` → `[]`. A leading `#` (URI fragment form) is allowed. */
export function parsePointer(pointer: string): string[] {
  const body = pointer.startsWith("#") ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The value at `pointer` inside `root`, or `undefined` when the path does not exist. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let current = root;
  for (const token of parsePointer(pointer)) {
    if (typeof current !== "object" || current === null) return undefined;
    if (!Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
