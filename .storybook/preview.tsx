import type { Decorator, Preview } from "@storybook/react-vite";
import { allMockHandlers, resetMockProviders } from "@plugboard/connectors";
import { setupWorker } from "msw/browser";
import { mswLoader } from "msw-storybook-addon/csf3";
import { configure } from "storybook/test";
import "@plugboard/react/theme.css";

// The parameter form's code loads lazily and real flows run sandboxed JavaScript against the mocks:
// `findBy…` queries wait up to 5 s (not 1 s) before a play function gives up.
configure({ asyncUtilTimeout: 5_000 });

/** Every story runs against the same mock providers as the tests and the demo. */
const loaders = [
  mswLoader(async () => {
    const worker = setupWorker(...allMockHandlers);
    await worker.start({ onUnhandledRequest: "bypass", quiet: true });
    return worker;
  }),
];

type ThemeName = "light" | "dark" | "auto";

/**
 * Theme switch from the toolbar (or a story's `globals: { theme }`). The components carry their
 * own theme scope (`data-theme` on their root, from the `theme` prop), so the theme goes to the
 * story as its `theme` arg (a story's explicit `args.theme` wins), and the surface around it is a
 * `pb-scope` of the same theme, so the page background matches and parts rendered without a scope
 * of their own (ParameterForm) get the theme's custom properties too.
 */
const withTheme: Decorator = (Story, context) => {
  const theme = ((context.args.theme as ThemeName | undefined) ?? (context.globals.theme as ThemeName | undefined) ?? "light") satisfies ThemeName;
  // A story fills the canvas (so the dark surface covers it); on docs pages each story keeps its height.
  const minHeight = context.viewMode === "docs" ? undefined : "100vh";
  return (
    <div data-theme={theme} className="pb-scope pb-story-surface" style={{ padding: 24, minHeight, boxSizing: "border-box" }}>
      <Story args={{ ...context.args, theme }} />
    </div>
  );
};

const preview: Preview = {
  loaders,
  decorators: [withTheme],
  // The mock providers keep grants, tokens and sessions: every story starts from a clean slate.
  beforeEach: () => {
    resetMockProviders();
  },
  globalTypes: {
    theme: {
      description: "Color theme",
      toolbar: { title: "Theme", icon: "mirror", items: ["light", "dark"], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: "light" },
  parameters: {
    // The theme surface above brings its own padding.
    layout: "fullscreen",
    a11y: { test: "error" },
    controls: { expanded: true },
  },
  tags: ["autodocs"],
};

export default preview;
