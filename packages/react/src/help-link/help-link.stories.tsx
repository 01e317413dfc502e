import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { HelpLink } from "./help-link.tsx";

/** An option's `helpUri`: a documentation link that opens in a new tab and says so to screen readers. */
const meta = {
  title: "Components/HelpLink",
  component: HelpLink,
  tags: ["autodocs"],
  args: { href: "https://docs.acme-crm.example/api/authentication" },
} satisfies Meta<typeof HelpLink>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole("link", { name: "Where do I find these details? (opens in a new tab)" });
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  },
};

/** Custom text (`children`). */
export const CustomText: Story = {
  args: { children: "How to create an API key" },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("link", { name: "How to create an API key (opens in a new tab)" })).toBeVisible();
  },
};

/** In French: the default text and the new-tab hint come from the shipped messages. */
export const French: Story = {
  args: { locale: "fr" },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("link")).toHaveAttribute("href", "https://docs.acme-crm.example/api/authentication");
  },
};

/** Anything but an absolute http(s) URL (here `javascript:`) renders nothing at all. */
export const UnsafeUrl: Story = {
  name: "Unsafe URL renders nothing",
  args: { href: "javascript:alert(document.cookie)" },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole("link")).toBeNull();
  },
};
