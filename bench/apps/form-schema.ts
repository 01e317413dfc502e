/** The 100-field schema of the form bench: strings with constraints, emails, numbers, booleans, enums. */
import type { JsonSchema } from "@plugboard/auth-core";

export const FIELD_COUNT = 100;
/** The field the bench types into (a string with minLength/maxLength/pattern, in the middle). */
export const TARGET_FIELD = "field_050";

export function fieldName(index: number): string {
  return `field_${String(index).padStart(3, "0")}`;
}

function field(index: number): JsonSchema {
  const title = `Field ${index + 1}`;
  switch (index % 10) {
    case 5:
      return { type: "string", title, format: "email", description: "A work email address" };
    case 6:
      return { type: "integer", title, minimum: 0, maximum: 1000, default: 10 };
    case 7:
      return { type: "number", title, minimum: 0.5 };
    case 8:
      return { type: "boolean", title, default: false };
    case 9:
      return { type: "string", title, enum: ["alpha", "beta", "gamma", "delta"], default: "alpha" };
    default:
      return { type: "string", title, description: `Setting number ${index + 1}`, minLength: 2, maxLength: 40, pattern: "^[a-z0-9 ]*$" };
  }
}

export const formSchema: JsonSchema = {
  type: "object",
  title: "Connection settings",
  properties: Object.fromEntries(Array.from({ length: FIELD_COUNT }, (_, index) => [fieldName(index), field(index)])),
  required: Array.from({ length: FIELD_COUNT }, (_, index) => index)
    .filter((index) => index % 3 === 0)
    .map(fieldName),
};
