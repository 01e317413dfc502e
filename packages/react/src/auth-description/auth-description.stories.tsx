import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { AuthDescription } from "./auth-description.tsx";

/**
 * An auth option's description: a small, safe markdown subset (paragraphs, lists, **bold**, *em*,
 * `code`, http(s) links). Raw HTML is text, never parsed; other link schemes keep only their text.
 */
const meta = {
  title: "Components/AuthDescription",
  component: AuthDescription,
  tags: ["autodocs"],
  args: { text: "Create an API key in **Acme CRM → Settings → API keys** and paste it below." },
} satisfies Meta<typeof AuthDescription>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One line, as most specs write it. */
export const Default: Story = {};

/** Everything the subset supports. Links open in a new tab, without opener or referrer, and say so to screen readers. */
export const MarkdownSubset: Story = {
  args: {
    text: [
      "# Before you start",
      "You need **admin** access to your *Helpdesk* account. Tokens look like `hd_token_…`.",
      "",
      "1. Open **Admin → Apps and integrations → API tokens**.",
      "2. Click *Add token* and copy it.",
      "",
      "- Tokens can be revoked at any time.",
      "- See the [API token guide](https://support.helpdesk.example/hc/articles/api-tokens) for details.",
    ].join("\n"),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText("admin", { selector: "strong" })).toBeVisible();
    await expect(canvas.getByText("Helpdesk", { selector: "em" })).toBeVisible();
    await expect(canvas.getByText("hd_token_…", { selector: "code" })).toBeVisible();
    await expect(canvas.getAllByRole("list")).toHaveLength(2);
    const link = canvas.getByRole("link", { name: "API token guide (opens in a new tab)" });
    await expect(link).toHaveAttribute("href", "https://support.helpdesk.example/hc/articles/api-tokens");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    // Headings are not part of the subset: the line stays a paragraph.
    await expect(canvas.queryByRole("heading")).toBeNull();
  },
};

/** Raw HTML in a spec is shown as text: no element is created, no script runs. */
export const EscapedHtml: Story = {
  args: {
    text: 'Paste your key below. <b>Bold?</b> <img src="x" onerror="alert(1)"> <script>alert("owned")</script> <a href="https://evil.example">click</a>',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvasElement.querySelector(".pb-auth-description")!;
    await expect(root.querySelector("b, img, script, a")).toBeNull();
    await expect(canvas.getByText(/<script>alert\("owned"\)<\/script>/)).toBeVisible();
    await expect(canvas.getByText(/<b>Bold\?<\/b>/)).toBeVisible();
  },
};

/** Only absolute http(s) URLs become links: `javascript:`, `data:` and relative links keep their text and lose the link. */
export const RejectedJavascriptLink: Story = {
  name: "Rejected javascript: link",
  args: {
    text: "Read [the guide](javascript:alert(document.cookie)), [this page](data:text/html,<script>alert(1)</script>), [the settings](/settings) or [the docs](https://docs.example.com/keys).",
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const links = canvas.getAllByRole("link");
    await expect(links).toHaveLength(1);
    await expect(links[0]).toHaveAttribute("href", "https://docs.example.com/keys");
    await expect(canvas.getByText(/the guide/)).toBeVisible();
    await expect(canvasElement.querySelector('[href^="javascript:"], [href^="data:"]')).toBeNull();
  },
};

/** In Japanese: the "(opens in a new tab)" hint follows the locale. */
export const Japanese: Story = {
  args: { locale: "ja", text: "**設定 → API キー**で API キーを作成し、[ガイド](https://docs.example.com/ja/keys)を参照してください。" },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("link", { name: /^ガイド/ })).toBeVisible();
  },
};
