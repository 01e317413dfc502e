// The example connectors import their spec files with Vite's `?raw` (see connectors/src/raw.d.ts).
declare module "*?raw" {
  const text: string;
  export default text;
}
