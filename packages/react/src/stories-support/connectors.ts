/**
 * The example connectors and their mock providers, for stories. In Storybook `@plugboard/connectors`
 * resolves to the same source file for the stories, the preview's MSW worker and the fake popup, so
 * they share one instance of the (stateful) mock providers.
 */
export * from "@plugboard/connectors";
