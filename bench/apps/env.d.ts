/** `bench:spec/<connector>`: the connector's spec.yml as a JSON object (see lib/bundle.ts). */
declare module "bench:spec/*" {
  const spec: Record<string, unknown>;
  export default spec;
}
