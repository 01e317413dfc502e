/** One method slot → a FunctionImplementation (inline body, `filePath`, or a conventionally named file). */
import { IMPLEMENTATION_TYPES } from "../types.ts";
import type { FunctionImplementation, HostFunction, ImplementationType, MethodName } from "../types.ts";
import { joinPointer } from "../schema/pointer.ts";
import { isPlainObject, listOr } from "../schema/util.ts";
import type { SpecContext } from "./context.ts";
import { conventionalPaths, findConventionalFile, findFile } from "./files.ts";
import type { FoundFile } from "./files.ts";
import { implementationTypeOfFile, isMappingType } from "./rules.ts";

interface Body {
  type?: ImplementationType;
  mapping?: unknown;
  code?: string | HostFunction;
  filePath?: string;
  /** A problem with the body was already reported; don't add "missing body" on top. */
  broken?: boolean;
}

/** Resolves a slot; `undefined` when the slot is not an object or its type is invalid (the schema reports those). */
export function resolveSlot(slot: unknown, method: MethodName, pointer: string, ctx: SpecContext): FunctionImplementation | undefined {
  if (!isPlainObject(slot)) return undefined;
  const declared = readDeclaredType(slot, pointer, ctx);
  if (declared === null) return undefined;
  if (declared === "not-supported") return { type: "not-supported", pointer };
  let body: Body = {};
  if (typeof slot.code === "string" || typeof slot.code === "function") body.code = slot.code as string | HostFunction;
  // `mapping:` with nothing after it (null) counts as no mapping.
  if (slot.mapping !== undefined && slot.mapping !== null) body.mapping = slot.mapping;
  if (body.code === undefined && body.mapping === undefined) {
    if (typeof slot.filePath === "string") {
      const found = findFile(ctx.files, slot.filePath);
      if (found) body = readFile(found, declared, joinPointer(pointer, "filePath"), ctx);
      else {
        ctx.report({ path: joinPointer(pointer, "filePath"), code: "file_not_found", message: fileNotFoundMessage(slot.filePath, ctx) });
        body = { filePath: slot.filePath, broken: true, type: implementationTypeOfFile(slot.filePath) };
      }
    } else {
      const found = findConventionalFile(ctx.files, method, declared);
      if (found) body = readFile(found, declared, pointer, ctx);
    }
  }
  return finish(method, pointer, declared, body, ctx);
}

/** A method with no slot at all, picked up from its conventionally named file. */
export function discoverFile(method: MethodName, pointer: string, ctx: SpecContext): FunctionImplementation | undefined {
  const found = findConventionalFile(ctx.files, method);
  if (!found) return undefined;
  return finish(method, pointer, undefined, readFile(found, undefined, pointer, ctx), ctx);
}

/** `type` (new) or `implementationType` (old); `null` when invalid. */
function readDeclaredType(slot: Record<string, unknown>, pointer: string, ctx: SpecContext): ImplementationType | undefined | null {
  const { type, implementationType } = slot;
  if (type !== undefined && implementationType !== undefined && type !== implementationType) {
    ctx.report({
      path: joinPointer(pointer, "implementationType"),
      code: "conflicting_implementation_type",
      message: `implementationType "${String(implementationType)}" contradicts type "${String(type)}"; keep one of them (type in the newer shape, implementationType in the older)`,
    });
    return null;
  }
  const value = type ?? implementationType;
  if (value === undefined) return undefined;
  return (IMPLEMENTATION_TYPES as readonly unknown[]).includes(value) ? (value as ImplementationType) : null;
}

function readFile(found: FoundFile, declared: ImplementationType | undefined, pointer: string, ctx: SpecContext): Body {
  const { path, content } = found;
  if (typeof content === "function") {
    if (declared !== undefined && isMappingType(declared)) return mismatch(path, declared, "javascript", pointer, ctx);
    return { type: "javascript", code: content, filePath: path };
  }
  const fileType = implementationTypeOfFile(path) ?? declared;
  if (fileType === undefined) {
    ctx.report({
      path: pointer,
      code: "unknown_file_type",
      message: `cannot tell how to read "${path}": use a .js file for javascript or a .yml file for mappings, or set the slot's type`,
    });
    return { filePath: path, broken: true };
  }
  if (declared !== undefined && isMappingType(declared) !== isMappingType(fileType)) return mismatch(path, declared, fileType, pointer, ctx);
  if (fileType === "javascript") {
    if (/\.ts$/.test(path)) {
      ctx.report({
        path: pointer,
        code: "typescript_file",
        message: `"${path}" is TypeScript, which cannot run as is: compile it to JavaScript (e.g. ${path.replace(/\.ts$/, ".js")}) and pass that file, or pass a host function for "${path}"`,
      });
      return { type: "javascript", filePath: path, broken: true };
    }
    return { type: "javascript", code: content, filePath: path };
  }
  const parsed = ctx.parseText(content, path);
  ctx.fileTexts.set(path, parsed);
  for (const issue of parsed.issues) ctx.report(issue);
  if (parsed.issues.length === 0 && (parsed.value === null || parsed.value === undefined)) {
    ctx.report({ path: pointer, code: "empty_file", message: `"${path}" is empty; it should hold the ${declared ?? fileType} body` });
    return { type: declared ?? fileType, filePath: path, broken: true };
  }
  return { type: declared ?? fileType, mapping: parsed.value, filePath: path, broken: parsed.issues.length > 0 };
}

function mismatch(path: string, declared: ImplementationType, actual: ImplementationType, pointer: string, ctx: SpecContext): Body {
  ctx.report({
    path: pointer,
    code: "file_type_mismatch",
    message: `the slot says ${declared} but "${path}" holds ${actual === "javascript" ? "JavaScript" : "a YAML mapping"}; fix the type or point to a ${isMappingType(declared) ? ".yml" : ".js"} file`,
  });
  return { type: declared, filePath: path, broken: true };
}

function finish(method: MethodName, pointer: string, declared: ImplementationType | undefined, body: Body, ctx: SpecContext): FunctionImplementation | undefined {
  let type = declared ?? body.type ?? (body.code !== undefined ? "javascript" : body.mapping !== undefined ? "mapping" : undefined);
  if (type === undefined) {
    if (!body.broken) {
      ctx.report({
        path: pointer,
        code: "missing_implementation",
        message: `${method} has no implementation: give it {type: mapping, mapping: …} or {type: javascript, code: …}, a filePath, or a file named ${conventionalPaths(method).slice(0, 2).join(" or ")}`,
      });
    }
    return undefined;
  }
  // Reference §1.5 CONFLICT: docs show `test` as a mapping with a REST body; it is a rest-api-mapping.
  if (method === "test" && type === "mapping" && isPlainObject(body.mapping) && typeof body.mapping.path === "string") type = "rest-api-mapping";
  if (!body.broken) {
    const where = `add ${listOr(conventionalPaths(method, type).filter((path) => !path.endsWith(".ts")).slice(0, 2))} to the files`;
    if (type === "javascript" && body.code === undefined) {
      ctx.report({
        path: pointer,
        code: "missing_code",
        message: `${method} is javascript but has no code${body.mapping !== undefined ? " (it has a mapping, which javascript does not use)" : ""}: set code to the module source, set filePath, or ${where}`,
      });
    } else if (isMappingType(type) && body.mapping === undefined) {
      ctx.report({
        path: pointer,
        code: "missing_mapping",
        message: `${method} is ${type} but has no mapping${body.code !== undefined ? " (it has code; set type: javascript to use it)" : ""}: set mapping, set filePath, or ${where}`,
      });
    }
  }
  const implementation: FunctionImplementation = { type, pointer };
  if (body.mapping !== undefined) implementation.mapping = body.mapping;
  if (body.code !== undefined) implementation.code = body.code;
  if (body.filePath !== undefined) implementation.filePath = body.filePath;
  return implementation;
}

function fileNotFoundMessage(path: string, ctx: SpecContext): string {
  const known = Object.keys(ctx.files);
  const given = known.length > 0 ? `files given: ${known.join(", ")}` : "no files were given";
  return `file "${path}" was not found: pass its content as options.files["${path}"] (${given})`;
}
