/**
 * `$copy`: copies a value from another place of the OUTPUT. While building, each `$copy` yields
 * a private marker; once the whole output exists, a post-pass swaps every marker for the value
 * found at its locator. Markers are instances of a private class, so data that merely looks like
 * `{$copy: …}` (from variables or `$plain`) is never touched.
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { getBySteps, parseLocator } from "./locator.ts";
import { makeNode, run, type CompileFn, type FormulaCompiler, type Node } from "./node.ts";
import { cloneValue, isPlainObject } from "./values.ts";

class CopyMarker {
  constructor(readonly locator: unknown) {}
}

export const compileCopy: FormulaCompiler = (arg, _formula, compile: CompileFn): Node => {
  const locator = compile(arg);
  const locatorSync = locator.sync;
  return makeNode({
    children: [locator],
    hasCopy: true,
    sync: (vars) => new CopyMarker(locatorSync(vars)),
    async: async (vars) => new CopyMarker(await run(locator, vars)),
  });
};

/** Resolves every `$copy` marker in `output`. Copying a value that itself copies is an error. */
export function applyCopies(output: unknown): unknown {
  const markers: CopyMarker[] = [];
  collectMarkers(output, markers);
  if (markers.length === 0) return output;

  // Read every source first (from the output as built), then write: the result does not depend
  // on the order the copies appear in.
  const resolved = new Map<CopyMarker, unknown>();
  for (const marker of markers) {
    const steps = parseLocator(marker.locator);
    const source = steps === null ? undefined : getBySteps(output, steps);
    if (containsMarker(source)) {
      throw new PlugboardError(ErrorKey.FORMULA_ERROR, {
        message: `$copy of "${String(marker.locator)}" copies a value that itself contains a $copy; copies cannot be chained.`,
        data: { locator: marker.locator },
      });
    }
    resolved.set(marker, cloneValue(source));
  }
  return replaceMarkers(output, resolved);
}

function collectMarkers(value: unknown, into: CopyMarker[]): void {
  if (value instanceof CopyMarker) into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectMarkers(item, into);
  else if (isPlainObject(value)) for (const key of Object.keys(value)) collectMarkers(value[key], into);
}

function containsMarker(value: unknown): boolean {
  const found: CopyMarker[] = [];
  collectMarkers(value, found);
  return found.length > 0;
}

/**
 * Replaces markers in place; a marker whose source is missing removes its key / array item.
 * Only containers that hold a marker are written to (others may be the caller's, even frozen).
 */
function replaceMarkers(value: unknown, resolved: Map<CopyMarker, unknown>): unknown {
  if (value instanceof CopyMarker) return resolved.get(value);
  if (Array.isArray(value)) {
    let write = 0;
    let changed = false;
    for (let read = 0; read < value.length; read++) {
      const before: unknown = value[read];
      const item = replaceMarkers(before, resolved);
      if (before instanceof CopyMarker) {
        changed = true;
        if (item === undefined) continue;
      }
      if (changed) value[write] = item;
      write++;
    }
    if (changed) value.length = write;
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const before = value[key];
      const item = replaceMarkers(before, resolved);
      if (!(before instanceof CopyMarker)) continue;
      if (item === undefined) delete value[key];
      else value[key] = item;
    }
  }
  return value;
}
