/** parseConnectorSpec / validateConnectorSpec: text or object → issues → normalized model, synchronously (imports `yaml`). */
import { SpecError } from "../errors.ts";
import type { ConnectorSpec } from "../types.ts";
import { parseText } from "./text.ts";
import { validateSource } from "./validate.ts";
import type { ParseConnectorSpecOptions, ValidateConnectorSpecResult } from "./validate.ts";

export type { ParseConnectorSpecOptions, ValidateConnectorSpecResult } from "./validate.ts";

/** Parses and validates a spec (YAML/JSON text or an object). Throws `SpecError` (`invalid_spec`) listing all issues. */
export function parseConnectorSpec(source: string | object, options: ParseConnectorSpecOptions = {}): ConnectorSpec {
  const { spec, issues } = validateConnectorSpec(source, options);
  if (!spec) throw new SpecError(issues);
  return spec;
}

/** Like parseConnectorSpec, but never throws: for live editors. */
export function validateConnectorSpec(source: string | object, options: ParseConnectorSpecOptions = {}): ValidateConnectorSpecResult {
  return validateSource(source, options, parseText);
}
