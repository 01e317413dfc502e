import type { Decorator, Preview } from "@storybook/react-vite";
import { allMockHandlers } from "@plugboard/connectors";
import { setupWorker } from "msw/browser";
import { mswLoader } from "msw-storybook-addon/csf3";
import "@plugboard/react/theme.css";

/** Every story runs against the same mock providers as the tests and the demo. */
const loaders = [
  mswLoader(async () => {
    const worker = setupWorker(...allMockHandlers);
    await worker.start({ onUnhandledRequest: "bypass", quiet: true });
    return worker;
  }),
];

/** Theme switch from the toolbar: light, dark. */
const withTheme: Decorator = (Story, context) => {
  const theme = (context.globals.theme as string | undefined) ?? "light";
  return (
    <div data-theme={theme} className="pb-story-surface" style={{ padding: 24, minHeight: "100%", background: "var(--pb-color-background, #fff)" }}>
      <Story />
    </div>
  );
};

const preview: Preview = {
  loaders,
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: "Color theme",
      toolbar: { title: "Theme", icon: "mirror", items: ["light", "dark"], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: "light" },
  parameters: {
    layout: "padded",
    a11y: { test: "error" },
    controls: { expanded: true },
  },
  tags: ["autodocs"],
};

export default preview;
