import type { JsonSchema } from "@plugboard/auth-core";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { RJSFSchema, RJSFValidationError, ValidatorType } from "@rjsf/utils";
import { describe, expect, it } from "vitest";
import { humanizeErrors, validateValue } from "./display.ts";
import { interpretiveValidator } from "./interpretive-validator.ts";
import { defaultParameterFormMessages as messages } from "./messages.ts";
import { ParameterForm } from "./parameter-form.tsx";

const validator = interpretiveValidator();
const schema = {
  type: "object",
  properties: {
    apiKey: { type: "string", title: "API key", minLength: 4 },
    "dotted.name": { type: "string" },
    proxy: { type: "object", properties: { port: { type: "integer" } }, required: ["port"] },
  },
  required: ["apiKey"],
} satisfies JsonSchema as RJSFSchema;

describe("interpretiveValidator (RJSF ValidatorType)", () => {
  it("validateFormData: RJSF errors with exact pointers, and a nested error schema", () => {
    const { errors, errorSchema } = validator.validateFormData({ "dotted.name": 1, proxy: {} }, schema);
    expect(errors.map(({ name, property, params, title }) => ({ name, property, pointer: params.pointer, title }))).toEqual([
      { name: "required", property: ".apiKey", pointer: "/apiKey", title: "API key" },
      { name: "type", property: ".dotted.name", pointer: "/dotted.name", title: "Dotted name" },
      { name: "required", property: ".proxy.port", pointer: "/proxy/port", title: "Port" },
    ]);
    expect(errors[0]?.params.missingProperty).toBe("apiKey");
    expect(errorSchema).toEqual({
      apiKey: { __errors: ["is required"] },
      "dotted.name": { __errors: ["must be a string (got the number 1)"] },
      proxy: { port: { __errors: ["is required"] } },
    });
  });

  it("validateFormData: applies transformErrors, then customValidate", () => {
    const { errors, errorSchema } = validator.validateFormData(
      { apiKey: "abc" },
      schema,
      (data, handler) => {
        if (data?.apiKey === "abc") handler.apiKey?.addError("is a sample key");
        return handler;
      },
      (list: RJSFValidationError[]) => list.map((error) => ({ ...error, message: `${error.title}: ${error.name}` })),
    );
    expect(errorSchema.apiKey?.__errors).toEqual(["API key: minLength", "is a sample key"]);
    expect(errors).toHaveLength(2);
  });

  it("isValid resolves local $refs against the root schema", () => {
    const root = { definitions: { port: { type: "integer", minimum: 1 } }, type: "object", properties: { port: { $ref: "#/definitions/port" } } } as RJSFSchema;
    const sub = { $ref: "#/definitions/port" } as RJSFSchema;
    const anyData = validator as ValidatorType<unknown>;
    expect(anyData.isValid(sub, 443, root)).toBe(true);
    expect(anyData.isValid(sub, 0, root)).toBe(false);
    expect(validator.isValid(root, { port: "x" }, root)).toBe(false);
  });

  it("rawValidation returns auth-core Issues", () => {
    expect(validator.rawValidation(schema, {}).errors).toEqual([{ path: "/apiKey", code: "required", message: "is required" }]);
  });

  it("toErrorList flattens an error schema", () => {
    const list = (validator as unknown as { toErrorList: (errorSchema: object) => RJSFValidationError[] }).toErrorList({ apiKey: { __errors: ["bad"] } });
    expect(list.map((error) => error.stack)).toEqual([".apiKey bad"]);
  });

  it("drives RJSF's conditional schemas (if/then) in the form", async () => {
    const user = userEvent.setup();
    render(
      <ParameterForm
        schema={{
          type: "object",
          properties: { method: { type: "string", enum: ["token", "basic"], default: "token" } },
          if: { properties: { method: { const: "basic" } } },
          then: { properties: { username: { type: "string" } }, required: ["username"] },
        }}
      />,
    );
    expect(screen.queryByRole("textbox", { name: "Username" })).toBeNull();
    await user.selectOptions(screen.getByRole("combobox", { name: "Method" }), "basic");
    expect(screen.getByRole("textbox", { name: "Username" })).toBeTruthy();
  });
});

describe("human messages", () => {
  const messagesFor = (fieldSchema: JsonSchema, value: unknown) =>
    validateValue(validator, { type: "object", properties: { field: fieldSchema } }, { field: value }, messages).errorSchema.field?.__errors;

  it("reads a minimum length of 1 as required, and exclusive integer bounds as inclusive ones", () => {
    expect(messagesFor({ type: "string", minLength: 1 }, "")).toEqual(["Field is required"]);
    expect(messagesFor({ type: "integer", exclusiveMinimum: 0 }, 0)).toEqual(["Field must be 1 or more"]);
    expect(messagesFor({ type: "integer", exclusiveMaximum: 10 }, 10)).toEqual(["Field must be 9 or less"]);
    expect(messagesFor({ type: "number", minimum: 1.5 }, 1)).toEqual(["Field must be 1.5 or more"]);
  });

  it("covers type and other formats", () => {
    expect(messagesFor({ type: "number" }, "x")).toEqual(["Field must be a number"]);
    expect(messagesFor({ type: "integer" }, 1.5)).toEqual(["Field must be a whole number"]);
    expect(messagesFor({ type: "string", format: "date" }, "31/01/2024")).toEqual(["Field isn't in the right format"]);
    expect(messagesFor({ type: "string", const: "x" }, "y")).toEqual(["Choose one of the options for Field"]);
    expect(messagesFor({ type: "string", not: { const: "y" } }, "y")).toEqual(["Field isn't valid"]);
  });

  it("puts the most important problem first", () => {
    expect(messagesFor({ type: "string", minLength: 5, pattern: "^a", format: "email" }, "b")).toEqual([
      "Field must be an email address, like name@example.com",
      "Field doesn't look right",
      "Field must be at least 5 characters",
    ]);
  });

  it("moves problems without a field to the form level", () => {
    const strict = { type: "object", properties: { a: { type: "string" } }, additionalProperties: false };
    expect(validateValue(validator, strict, { a: "x", legacy_token: "y" }, messages).errorSchema).toEqual({ __errors: ["Legacy token isn't valid"] });
  });

  it("maps ajv-shaped errors (keyword, property, params) the same way", () => {
    const transform = humanizeErrors({ type: "object", properties: { host: { type: "string", format: "hostname", title: "Host" } } }, messages);
    const ajvError = { name: "format", property: ".host", params: { format: "hostname" }, message: "must match format \"hostname\"", stack: "" };
    expect(transform([ajvError, { name: "if", property: "", params: {}, message: 'must match "then" schema', stack: "" }]).map((error) => error.message)).toEqual([
      "Host must be a host name, like api.example.com",
    ]);
  });
});
