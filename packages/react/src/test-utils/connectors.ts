/**
 * The example connectors and their mock providers. Imported by relative path because
 * @plugboard/connectors is not (yet) a devDependency of this package; switch to the package name
 * here once it is.
 */
export * from "../../../connectors/src/index.ts";
