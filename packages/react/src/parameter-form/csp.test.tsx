/**
 * CSP without 'unsafe-eval': the default validator and precompiled validators must never generate
 * code at runtime. Code generation is trapped by replacing the global `Function` constructor and
 * `eval` for the duration of a test; the ajv control case proves the trap catches a real compiler.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { compileSchemaValidatorsCode } from "@rjsf/validator-ajv8/compileSchemaValidators";
import type { ValidatorFunctions } from "@rjsf/validator-ajv8";
import type { RJSFSchema } from "@rjsf/utils";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ajvValidator } from "./ajv-validator.ts";
import { acmeSchema, VALID_KEY } from "./testing/fixtures.ts";
import { ParameterForm } from "./parameter-form.tsx";
import { nodeBuiltins } from "./testing/node-builtins.ts";
import type { NodeBuiltins } from "./testing/node-builtins.ts";
import { precompiledValidator } from "./precompiled.ts";
import type { ParameterFormValidator } from "./types.ts";

/**
 * Makes `new Function`, `Function()` and `eval` throw (as a strict CSP does) and records attempts.
 * Only jsdom's own CSS selector engine (nwsapi, which compiles selectors with `Function`; browsers
 * match selectors natively) is let through.
 */
function blockCodeGeneration() {
  const attempts: string[] = [];
  const RealFunction = globalThis.Function;
  const realEval = globalThis.eval;
  const fromTestDom = () => /[\\/]nwsapi[\\/]/.test(new Error().stack ?? "");
  const refuse = (kind: string): never => {
    attempts.push(kind);
    throw new EvalError(`${kind} refused: unsafe-eval is not allowed`);
  };
  globalThis.Function = new Proxy(RealFunction, {
    construct: (target, args: string[]) => (fromTestDom() ? new target(...args) : refuse("new Function")),
    apply: (target, _this, args: string[]) => (fromTestDom() ? target(...args) : refuse("Function()")),
  });
  globalThis.eval = ((() => refuse("eval")) as unknown) as typeof eval;
  return {
    attempts,
    restore() {
      globalThis.Function = RealFunction;
      globalThis.eval = realEval;
    },
  };
}

/** Renders the form, submits it empty, fixes it and submits again; returns what onSubmit got. */
async function fillAndSubmit(validator?: ParameterFormValidator) {
  const onSubmit = vi.fn();
  const user = userEvent.setup();
  render(
    <ParameterForm schema={acmeSchema} validator={validator} onSubmit={onSubmit}>
      <button type="submit">Connect</button>
    </ParameterForm>,
  );
  const connect = screen.getByRole("button", { name: "Connect" });
  await user.click(connect);
  const apiKey = screen.getByLabelText(/^API key/) as HTMLInputElement;
  const problems = [...document.querySelectorAll('[id$="__error"]')].map((element) => element.textContent);
  expect(document.activeElement).toBe(apiKey);
  await user.type(apiKey, "nope");
  await user.type(screen.getByRole("textbox", { name: "Email" }), "ops@example.com");
  await user.click(connect);
  const afterBadKey = [...document.querySelectorAll('[id$="__error"]')].map((element) => element.textContent);
  await user.clear(apiKey);
  await user.type(apiKey, VALID_KEY);
  await user.click(connect);
  return { problems, afterBadKey, submitted: onSubmit.mock.calls.map(([details]) => details) };
}

const expected = {
  problems: ["API key is required", "Email is required"],
  afterBadKey: ["API key doesn't look right (Starts with acme_)"],
  submitted: [{ value: { apiKey: VALID_KEY, email: "ops@example.com", region: "us" } }],
};

describe("no eval (strict CSP)", () => {
  it("the default validator renders, validates and submits without generating code", async () => {
    const trap = blockCodeGeneration();
    try {
      expect(await fillAndSubmit()).toEqual(expected);
    } finally {
      trap.restore();
    }
    expect(trap.attempts).toEqual([]);
  });

  it("control: the ajv validator is caught by the same trap", () => {
    const trap = blockCodeGeneration();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {}); // ajv logs the refused code
    try {
      const validator = ajvValidator();
      validator.validateFormData({}, acmeSchema as RJSFSchema);
    } catch {
      // ajv may already fail while compiling its meta-schema.
    } finally {
      trap.restore();
      logged.mockRestore();
    }
    expect(trap.attempts.length).toBeGreaterThan(0);
  });

  it("ajv (allowed to compile) gives the same messages", async () => {
    expect(await fillAndSubmit(ajvValidator())).toEqual(expected);
  });
});

describe("precompiled validators", () => {
  let node: NodeBuiltins;
  let dir = "";
  beforeAll(async () => {
    node = await nodeBuiltins();
    dir = node.fs.mkdtempSync(node.path.join(node.os.tmpdir(), "pb-precompiled-"));
  });
  afterAll(() => node.fs.rmSync(dir, { recursive: true, force: true }));

  /** Build step: standalone ajv code for the schema, written to disk next to the ajv runtime it requires. */
  function buildValidatorModule(): string {
    const { fs, path, module } = node;
    const fromValidator = module.createRequire(module.createRequire(import.meta.url).resolve("@rjsf/validator-ajv8"));
    fs.mkdirSync(path.join(dir, "node_modules"));
    for (const name of ["ajv", "ajv-formats"]) {
      fs.symlinkSync(path.dirname(fromValidator.resolve(`${name}/package.json`)), path.join(dir, "node_modules", name), "dir");
    }
    const file = path.join(dir, "acme-validators.cjs");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {}); // "unknown format password ignored"
    fs.writeFileSync(file, compileSchemaValidatorsCode(acmeSchema as RJSFSchema));
    warn.mockRestore();
    return file;
  }

  it("validates through ParameterForm with build-time code and no eval", async () => {
    const file = buildValidatorModule();
    // Loaded by Node itself, as a bundler would include it (vitest's module runner skips /tmp).
    const validateFns = node.module.createRequire(import.meta.url)(file) as ValidatorFunctions;
    const validator = precompiledValidator(validateFns, acmeSchema);
    const trap = blockCodeGeneration();
    try {
      expect(await fillAndSubmit(validator)).toEqual(expected);
    } finally {
      trap.restore();
    }
    expect(trap.attempts).toEqual([]);
  });
});
