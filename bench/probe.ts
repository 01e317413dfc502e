import { bundleApp, kB, topInputs } from "./lib/bundle.ts";
export async function main() {
  for (const [entry, from] of [["apps/oauth2-widget.tsx", []], ["apps/api-key-widget.tsx", []], ["apps/nango-connect.js", []], ["apps/pipedream-connect.jsx", ["@pipedream/connect-react"]]] as const) {
    const r = await bundleApp({ entry, transitiveFrom: [...from] });
    console.log(entry, "initial", kB(r.initialGzip), "total", kB(r.totalGzip), r.initial.map((c) => c.file), r.all.length, r.warnings);
    console.log(topInputs(r.initial, 15));
  }
  return 0;
}
