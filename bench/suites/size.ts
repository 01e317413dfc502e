/**
 * Bundle size (gzip -9, minified ESM, react/react-dom external) of real apps built with esbuild:
 * - an app rendering ConnectWidget for an OAuth2-only connector (northwind-books) on the local
 *   engine: its initial JS (entry chunk + static imports, lazy chunks excluded) ≤ 15 kB, with no
 *   RJSF/ajv in it;
 * - the full widget with the parameter form (acme-crm, an API-key form): the initial JS plus the
 *   chunks that load with the form ≤ 110 kB (all chunks, including the lazily loaded $jsonata and
 *   QuickJS loaders, are reported too).
 * Baselines bundled the same way: @nangohq/frontend and @pipedream/connect-react (+ its SDK client).
 * esbuild decides the budgets; Rolldown (Vite 8's bundler) is reported as a cross-check, because the
 * two split chunks differently (esbuild hoists a module that is both re-exported statically and
 * imported lazily into a chunk the entry loads).
 */
import { bundleApp, kB, staticImportChain, topInputs } from "../lib/bundle.ts";
import type { BundleResult } from "../lib/bundle.ts";
import { rolldownSize } from "../lib/rolldown.ts";
import type { BenchRow, BudgetCheck, Suite, SuiteResult } from "../lib/types.ts";

export const INITIAL_BUDGET_KB = 15;
export const TOTAL_BUDGET_KB = 110;
/** Modules that must not be in the OAuth-only initial JS: the form renderer and its validator. */
const FORM_ONLY = /(^|\/)(@rjsf[+/]|ajv([+@/]|-formats))/;
/** The lazily loaded parameter form (or, if it moves, RJSF itself). */
const FORM_MODULE = /packages\/react\/src\/parameter-form\/parameter-form\.tsx$|@rjsf\/core\/lib\/index\.js$/;

const APPS = {
  oauth2: { entry: "apps/oauth2-widget.tsx", lazyTarget: FORM_MODULE },
  full: { entry: "apps/api-key-widget.tsx", lazyTarget: FORM_MODULE },
  nango: { entry: "apps/nango-connect.js" },
  pipedream: { entry: "apps/pipedream-connect.jsx", transitiveFrom: ["@pipedream/connect-react"] },
} as const;

function formModules(bundle: BundleResult): string[] {
  const inputs = new Set(bundle.initial.flatMap((chunk) => Object.keys(chunk.inputs)));
  return [...inputs].filter((input) => FORM_ONLY.test(input));
}

async function plugboardBundles() {
  const [oauth2, full] = await Promise.all([bundleApp(APPS.oauth2), bundleApp(APPS.full)]);
  return { oauth2, full };
}

/** `a → b → c`, with node_modules paths shortened to package names. */
function describeChain(bundle: BundleResult): string {
  const chain = staticImportChain(bundle, FORM_ONLY);
  return chain ? chain.map((step) => (step.includes("node_modules/") ? packageOf(step) : step)).join(" → ") : "(no static chain found)";
}

function packageOf(input: string): string {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match ? match[1]! : input.replace(/^packages\/([^/]+)\/src\/([^/]+).*$/, "@plugboard/$1 $2");
}

/** gzip-less minified bytes per package / source folder, biggest first: where the weight is. */
function weightByPackage(bundle: BundleResult["initial"]): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const [input, bytes] of topInputs(bundle, Number.MAX_SAFE_INTEGER)) totals.set(packageOf(input), (totals.get(packageOf(input)) ?? 0) + bytes);
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12);
}

export const sizeSuite: Suite = {
  name: "size",
  description: "gzip size of ConnectWidget apps vs @nangohq/frontend and @pipedream/connect-react",

  async run(): Promise<SuiteResult> {
    const { oauth2, full } = await plugboardBundles();
    const [nango, pipedream] = await Promise.all([bundleApp(APPS.nango), bundleApp(APPS.pipedream)]);
    const forbidden = formModules(oauth2);
    const [rolldownOauth2, rolldownFull] = await Promise.all([rolldownSize(APPS.oauth2.entry, FORM_MODULE), rolldownSize(APPS.full.entry, FORM_MODULE)]);
    const rows: BenchRow[] = [
      {
        id: "size.oauth2-initial",
        label: "Size: OAuth2 ConnectWidget app, initial JS",
        plugboard: { value: kB(oauth2.initialGzip), unit: "kB" },
        baseline: { name: "@nangohq/frontend", value: kB(nango.initialGzip), unit: "kB" },
        ratio: oauth2.initialGzip / nango.initialGzip,
        target: `≤ ${INITIAL_BUDGET_KB} kB`,
        pass: kB(oauth2.initialGzip) <= INITIAL_BUDGET_KB,
        budget: true,
        note: `${oauth2.initial.length} chunk(s) before first render`,
      },
      {
        id: "size.oauth2-no-form",
        label: "Size: RJSF/ajv modules in the OAuth2 initial JS",
        plugboard: { value: forbidden.length, unit: "modules" },
        target: "= 0",
        pass: forbidden.length === 0,
        budget: true,
        ...(forbidden.length > 0 ? { note: `imported statically through ${describeChain(oauth2)}` } : {}),
      },
      {
        id: "size.full-with-form",
        label: "Size: full widget + parameter form",
        plugboard: { value: kB(full.withLazyGzip), unit: "kB" },
        baseline: { name: "@pipedream/connect-react", value: kB(pipedream.totalGzip), unit: "kB" },
        ratio: full.withLazyGzip / pipedream.totalGzip,
        target: `≤ ${TOTAL_BUDGET_KB} kB`,
        pass: kB(full.withLazyGzip) <= TOTAL_BUDGET_KB,
        budget: true,
        note: `initial JS ${kB(full.initialGzip).toFixed(1)} kB + the chunks the form loads (${full.withLazy.length} chunks)`,
      },
      {
        id: "size.full-all-chunks",
        label: "Size: full widget, every chunk it can load",
        plugboard: { value: kB(full.totalGzip), unit: "kB" },
        baseline: { name: "@pipedream/connect-react", value: kB(pipedream.totalGzip), unit: "kB" },
        ratio: full.totalGzip / pipedream.totalGzip,
        note: `informational: ${full.all.length} chunks, including the lazy $jsonata and QuickJS-loader chunks that only specs using them load (the QuickJS .wasm itself is not counted)`,
      },
    ];
    if (rolldownOauth2 && rolldownFull) {
      rows.push(
        {
          id: "size.rolldown.oauth2-initial",
          label: `Size (Rolldown ${rolldownOauth2.version}): OAuth2 app, initial JS`,
          plugboard: { value: kB(rolldownOauth2.initialGzip), unit: "kB" },
          note: "cross-check with Vite's bundler; the budgets use esbuild",
        },
        {
          id: "size.rolldown.full-with-form",
          label: `Size (Rolldown ${rolldownFull.version}): widget + parameter form`,
          plugboard: { value: kB(rolldownFull.withLazyGzip), unit: "kB" },
        },
      );
    }
    const describe = (bundle: BundleResult) => ({
      initialGzipBytes: bundle.initialGzip,
      withFormGzipBytes: bundle.withLazyGzip,
      totalGzipBytes: bundle.totalGzip,
      initialChunks: bundle.initial.map(({ file, bytes, gzipBytes }) => ({ file, bytes, gzipBytes })),
      allChunks: bundle.all.map(({ file, bytes, gzipBytes }) => ({ file, bytes, gzipBytes })),
      initialByPackage: weightByPackage(bundle.initial),
    });
    return {
      suite: "size",
      rows,
      details: {
        method: "esbuild 0.28 bundle + splitting, minify, ESM, es2022, react/react-dom external, NODE_ENV=production; gzip level 9 per chunk; 1 kB = 1000 bytes",
        oauth2: { ...describe(oauth2), formModules: forbidden, formImportChain: staticImportChain(oauth2, FORM_ONLY) ?? null },
        full: describe(full),
        nango: describe(nango),
        pipedream: describe(pipedream),
        rolldown: { oauth2: rolldownOauth2 ?? null, full: rolldownFull ?? null },
      },
    };
  },

  async check(): Promise<BudgetCheck[]> {
    const { oauth2, full } = await plugboardBundles();
    const forbidden = formModules(oauth2);
    const heaviest = (bundle: BundleResult["initial"]) =>
      `Heaviest (minified bytes, before gzip): ${weightByPackage(bundle)
        .slice(0, 6)
        .map(([name, bytes]) => `${name} ${(bytes / 1000).toFixed(1)} kB`)
        .join(", ")}.`;
    return [
      {
        id: "size.oauth2-initial",
        label: `OAuth2 ConnectWidget app (${APPS.oauth2.entry}): initial JS, gzip`,
        pass: kB(oauth2.initialGzip) <= INITIAL_BUDGET_KB,
        actual: `${kB(oauth2.initialGzip).toFixed(2)} kB`,
        budget: `≤ ${INITIAL_BUDGET_KB} kB`,
        message: heaviest(oauth2.initial),
      },
      {
        id: "size.oauth2-no-form",
        label: "OAuth2 ConnectWidget app: no RJSF/ajv in the initial JS (the form must load lazily)",
        pass: forbidden.length === 0,
        actual: `${forbidden.length} module(s)`,
        budget: "0 modules",
        ...(forbidden.length > 0 ? { message: `Imported statically through: ${describeChain(oauth2)}` } : {}),
      },
      {
        id: "size.full-with-form",
        label: `Full widget with the parameter form (${APPS.full.entry}): initial JS + the form's chunks, gzip`,
        pass: kB(full.withLazyGzip) <= TOTAL_BUDGET_KB,
        actual: `${kB(full.withLazyGzip).toFixed(2)} kB`,
        budget: `≤ ${TOTAL_BUDGET_KB} kB`,
        message: heaviest(full.withLazy),
      },
    ];
  },
};
