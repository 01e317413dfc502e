/** The example connectors and their mock providers, for component tests. */
export * from "@plugboard/connectors";
