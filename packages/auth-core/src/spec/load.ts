/**
 * loadConnectorSpec: parseConnectorSpec for bundles that should not ship `yaml` up front. An object
 * spec is read without it; text (the spec or a mapping file) imports text.ts, and `yaml` with it,
 * dynamically, so bundlers put them in a chunk of their own that only text specs load.
 */
import { SpecError } from "../errors.ts";
import type { ConnectorSpec } from "../types.ts";
import { isPlainObject } from "../schema/util.ts";
import { hasTextFiles } from "./files.ts";
import type { TextParser } from "./text.ts";
import { validateSource } from "./validate.ts";
import type { ParseConnectorSpecOptions } from "./validate.ts";

/**
 * Like parseConnectorSpec (same issues, line/column, `files` handling and `SpecError`), but async:
 * `yaml` is imported only when there is text to read. An already parsed ConnectorSpec is returned
 * as it is.
 */
export async function loadConnectorSpec(source: ConnectorSpec | string | object, options: ParseConnectorSpecOptions = {}): Promise<ConnectorSpec> {
  if (isConnectorSpec(source)) return source;
  const needsText = typeof source === "string" || hasTextFiles(options.files ?? {});
  const parseText = needsText ? (await import("./text.ts")).parseText : noText;
  const { spec, issues } = validateSource(source, options, parseText);
  if (!spec) throw new SpecError(issues);
  return spec;
}

/** Never called: without text to read, nothing parses text (see hasTextFiles). */
const noText: TextParser = () => {
  throw new Error("loadConnectorSpec: text to parse, but the text parser was not loaded");
};

/** The normalized model (what parseConnectorSpec returns), as opposed to the raw spec object it is read from. */
function isConnectorSpec(source: unknown): source is ConnectorSpec {
  if (!isPlainObject(source) || (source.shape !== "root" && source.shape !== "auth-block") || !isPlainObject(source.raw)) return false;
  const { auth } = source;
  return isPlainObject(auth) && isPlainObject(auth.methods) && typeof auth.pointer === "string";
}
