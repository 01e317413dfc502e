/** Theming: custom properties on one scope, light/dark/auto, class-name slots, unstyled; and theme.css contrast. */
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AuthOption, ConnectRuntime } from "@plugboard/auth-core";
import { nodeBuiltins } from "../parameter-form/testing/node-builtins.ts";
import { ConnectWidget } from "./connect-widget.tsx";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";

preloadFormBeforeAll();

const options: AuthOption[] = [
  { key: "a", type: "client-credentials", title: "Token", description: "Paste your **token**.", helpUri: "https://docs.example.com", inputSchema: { type: "object", properties: { token: { type: "string", title: "Token" } } } },
  { key: "b", type: "integration-app-token", title: "Workspace" },
];
const runtime: ConnectRuntime = { getAuthOptions: async () => options, connect: () => new Promise(() => {}) };

describe("ConnectWidget theming", () => {
  it("one scope carries the theme: the root has pb-scope and data-theme, nested parts do not", async () => {
    const { container } = render(<ConnectWidget runtime={runtime} initialOptionKey="a" theme="dark" />);
    await screen.findByLabelText("Token", { selector: "input:not([type=radio])" });
    const root = container.firstElementChild!;
    expect(root.className).toBe("pb-connect-widget pb-scope");
    expect(root.getAttribute("data-theme")).toBe("dark");
    expect(container.querySelectorAll(".pb-scope")).toHaveLength(1);
    expect(container.querySelectorAll("[data-theme]")).toHaveLength(1);
    expect(container.querySelector(".pb-option-picker")).toBeTruthy();
    expect(container.querySelector(".pb-auth-description")).toBeTruthy();
    expect(container.querySelector(".pb-help-link")).toBeTruthy();
  });

  it('defaults to "light"; "auto" is passed through for prefers-color-scheme', () => {
    const { container, rerender } = render(<ConnectWidget runtime={runtime} />);
    expect(container.firstElementChild!.getAttribute("data-theme")).toBe("light");
    rerender(<ConnectWidget runtime={runtime} theme="auto" />);
    expect(container.firstElementChild!.getAttribute("data-theme")).toBe("auto");
  });

  it("classNames slots land on their parts", async () => {
    const { container } = render(
      <ConnectWidget
        runtime={runtime}
        initialOptionKey="a"
        className="host"
        classNames={{ root: "host-root", optionPicker: "host-picker", description: "host-desc", helpLink: "host-help", form: "host-form", actions: "host-actions", connectButton: "host-connect", status: "host-status" }}
      />,
    );
    await screen.findByLabelText("Token", { selector: "input:not([type=radio])" });
    expect(container.firstElementChild!.className).toBe("pb-connect-widget pb-scope host host-root");
    for (const name of ["host-picker", "host-desc", "host-help", "host-form", "host-actions", "host-connect", "host-status"]) {
      expect(container.querySelector(`.${name}`), name).toBeTruthy();
    }
    expect(screen.getByRole("button", { name: "Connect" }).className).toBe("pb-button pb-button-primary host-connect");
  });

  it("unstyled drops every pb-* styling class but keeps the host's", async () => {
    const { container } = render(<ConnectWidget runtime={runtime} initialOptionKey="a" unstyled classNames={{ connectButton: "host-connect" }} />);
    await screen.findByLabelText("Token", { selector: "input:not([type=radio])" });
    const classes = [...container.querySelectorAll("[class]")].flatMap((element) => [...element.classList]);
    expect(classes.filter((name) => name.startsWith("pb-") && name !== "pb-visually-hidden")).toEqual([]);
    expect(classes).toContain("host-connect");
  });
});

// --- theme.css ---------------------------------------------------------------------------------

// Vitest blanks CSS imports (even ?raw), so read the file itself.
const { fs, path, url } = await nodeBuiltins();
const css = fs.readFileSync(path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "../theme.css"), "utf8");

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  const body = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...body.matchAll(/(--pb-[\w-]+):\s*([^;]+);/g)].map((match) => [match[1]!, match[2]!.trim()]));
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

describe("theme.css", () => {
  const light = block(":where(.pb-scope)");
  const dark = { ...light, ...block(':where(.pb-scope[data-theme="dark"])') };
  const auto = block(':where(.pb-scope[data-theme="auto"])');

  it("dark and auto-dark define the same colours", () => {
    const darkColors = block(':where(.pb-scope[data-theme="dark"])');
    expect(auto).toEqual(darkColors);
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/);
  });

  it("every custom property used is declared", () => {
    const used = new Set([...css.matchAll(/var\((--pb-[\w-]+)/g)].map((match) => match[1]!));
    for (const name of used) expect(light, name).toHaveProperty(name);
  });

  it.each([
    ["light", light],
    ["dark", dark],
  ])("%s: text pairs reach 4.5:1 and UI boundaries 3:1 (WCAG 2.2 AA)", (_name, theme) => {
    const text: [string, string][] = [
      ["--pb-color-text", "--pb-color-bg"],
      ["--pb-color-text", "--pb-color-surface"],
      ["--pb-color-text", "--pb-color-selected"],
      ["--pb-color-text-muted", "--pb-color-bg"],
      ["--pb-color-text-muted", "--pb-color-surface"],
      ["--pb-color-text-muted", "--pb-color-selected"],
      ["--pb-color-text-muted", "--pb-color-success-bg"],
      ["--pb-color-link", "--pb-color-bg"],
      ["--pb-color-link", "--pb-color-surface"],
      ["--pb-color-accent-text", "--pb-color-accent"],
      ["--pb-color-accent-text", "--pb-color-accent-hover"],
      ["--pb-color-danger-text", "--pb-color-danger-bg"],
      ["--pb-color-danger-text", "--pb-color-bg"],
      ["--pb-color-danger", "--pb-color-bg"],
      ["--pb-color-success", "--pb-color-success-bg"],
      ["--pb-color-text", "--pb-color-success-bg"],
      ["--pb-color-warning-text", "--pb-color-warning-bg"],
    ];
    const ui: [string, string][] = [
      ["--pb-color-border", "--pb-color-bg"],
      ["--pb-color-border", "--pb-color-surface"],
      ["--pb-focus-ring-color", "--pb-color-bg"],
      ["--pb-focus-ring-color", "--pb-color-surface"],
      ["--pb-color-accent", "--pb-color-bg"],
    ];
    for (const [fg, bg] of text) expect(contrast(theme[fg]!, theme[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    for (const [fg, bg] of ui) expect(contrast(theme[fg]!, theme[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(3);
  });

  it("styles every part's class", () => {
    for (const name of ["pb-connect-widget", "pb-option-picker", "pb-option", "pb-auth-description", "pb-help-link", "pb-connection-status", "pb-oauth-button", "pb-status", "pb-callout", "pb-button", "pb-visually-hidden", "pb-parameter-form__input"]) {
      expect(css, name).toContain(`.${name}`);
    }
  });
});
