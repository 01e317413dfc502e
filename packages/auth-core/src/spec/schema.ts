/** The JSON Schema of the spec format. connector-spec.schema.json is the one source of truth. */
import type { JsonSchema } from "../types.ts";
import schema from "./connector-spec.schema.json" with { type: "json" };

export const connectorSpecJsonSchema: JsonSchema = schema;
