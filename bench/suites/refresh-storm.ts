import type { Suite } from "../lib/types.ts";
export const refreshStormSuite: Suite = { name: "refresh-storm", description: "TODO", run: async () => ({ suite: "refresh-storm", rows: [], skipped: "not written yet" }) };
