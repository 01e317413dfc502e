/** Where the bench lives (the launcher sets it: the bundle itself runs from node_modules/.cache). */
import path from "node:path";

export const benchDir = process.env.PLUGBOARD_BENCH_DIR ?? path.resolve(process.cwd(), "bench");
export const repoDir = path.resolve(benchDir, "..");
export const resultsFile = path.join(benchDir, "results", "latest.json");
export const cacheDir = path.join(benchDir, "node_modules", ".cache", "plugboard-bench");
