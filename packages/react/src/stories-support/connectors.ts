/**
 * The example connectors and their mock providers, for stories. Imported by relative path (like
 * test-utils) because @plugboard/connectors is not a dependency of this package. It resolves to the
 * same file as the `@plugboard/connectors` alias the Storybook preview uses, so the stories, the
 * preview's MSW worker and the fake popup share one instance of the (stateful) mock providers.
 */
export * from "../../../connectors/src/index.ts";
