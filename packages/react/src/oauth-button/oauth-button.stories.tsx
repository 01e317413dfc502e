import type { Meta, StoryObj } from "@storybook/react-vite";
import type { ComponentType } from "react";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { ConnectionStatus } from "../connection-status/connection-status.tsx";
import { messagesByLocale } from "../messages/catalog.ts";
import { northwindBooks } from "../stories-support/connectors.ts";
import { fakePopupLoader, loadedPopup } from "../stories-support/popup-loader.ts";
import { engineFor, memoryStorage } from "../stories-support/runtimes.ts";
import { useConnectFlow } from "../use-connect-flow.ts";
import { OAuthButton } from "./oauth-button.tsx";
import type { OAuthButtonProps } from "./oauth-button.tsx";

/** One engine for Northwind Books (OAuth 2.0) against its mock provider, shared by these stories. */
const northwind = engineFor(northwindBooks);

type Args = Omit<OAuthButtonProps, "flow">;

/** A host page: its own flow (useConnectFlow), the button, and what the flow is doing. */
function Host(props: Args) {
  const { snapshot, flow } = useConnectFlow({ runtime: northwind });
  return (
    <div style={{ display: "grid", gap: 12, justifyItems: "start" }}>
      <OAuthButton flow={flow} {...props} />
      {snapshot.state === "connected" && snapshot.connection ? (
        <ConnectionStatus connection={snapshot.connection} optionTitle="Northwind Books account" theme={props.theme} />
      ) : (
        <p>
          Flow state: <code data-testid="flow-state">{snapshot.state}</code>
          {snapshot.error ? ` (${snapshot.error.key})` : ""}
        </p>
      )}
    </div>
  );
}

/**
 * The connect button of OAuth options, used on its own with a host's flow. The click opens the
 * sign-in window synchronously (before any await, so browsers don't block it), then runs the flow
 * through it. Here a fake window approves at the mock provider's consent page.
 */
const meta = {
  title: "Components/OAuthButton",
  // The props table documents OAuthButton; the stories render it inside a host that owns the flow.
  component: OAuthButton as ComponentType<Args>,
  tags: ["autodocs"],
  loaders: [fakePopupLoader],
  args: { children: "Connect Northwind Books", onBlocked: fn(), onCancelled: fn() },
  argTypes: { popup: { control: false }, redirect: { control: false }, canConnect: { control: false } },
  render: (args, context) => <Host {...args} popup={{ ...args.popup, ports: loadedPopup(context).ports }} />,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

async function ready(canvas: ReturnType<typeof within>): Promise<void> {
  await waitFor(() => expect(canvas.getByTestId("flow-state")).toHaveTextContent("entering-input"));
}

/** Click, sign in (in the fake window), connected. The button tells screen readers that it opens a window. */
export const Default: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await ready(canvas);
    const button = canvas.getByRole("button", { name: "Connect Northwind Books" });
    await expect(button).toHaveAccessibleDescription("Opens a sign-in window");
    await userEvent.click(button);
    await expect(await canvas.findByRole("region", { name: "Connected" }, { timeout: 10_000 })).toBeVisible();
    await expect(loadedPopup({ loaded }).openCount).toBe(1);
  },
};

/** While the sign-in window is open the button is busy (`aria-disabled`, still focusable): more clicks open nothing. */
export const Busy: Story = {
  parameters: { fakePopup: { consent: "wait" } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await ready(canvas);
    const button = canvas.getByRole("button", { name: "Connect Northwind Books" });
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute("aria-disabled", "true"));
    await userEvent.click(button);
    await expect(loadedPopup({ loaded }).openCount).toBe(1);
    await expect(canvas.getByTestId("flow-state")).toHaveTextContent("authorizing");
  },
};

/** `disabled`: a hard disable; nothing opens. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await ready(canvas);
    await expect(canvas.getByRole("button", { name: "Connect Northwind Books" })).toBeDisabled();
    await expect(loadedPopup({ loaded }).openCount).toBe(0);
  },
};

/** Blocked, without a same-window fallback: the button explains and offers Try again (which works once pop-ups are allowed). */
export const PopupBlocked: Story = {
  parameters: { fakePopup: { blocked: true } },
  play: async ({ canvasElement, args, loaded }) => {
    const canvas = within(canvasElement);
    await ready(canvas);
    await userEvent.click(canvas.getByRole("button", { name: "Connect Northwind Books" }));
    const alert = await canvas.findByRole("alert");
    await expect(alert).toHaveAttribute("data-error-key", "popup_blocked");
    await expect(args.onBlocked).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "popup_blocked" }) });
    await expect(within(alert).queryByRole("button", { name: "Continue in this window" })).toBeNull();
    loadedPopup({ loaded }).blocked = false;
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await expect(await canvas.findByRole("region", { name: "Connected" }, { timeout: 10_000 })).toBeVisible();
  },
};

/** Blocked, with `redirect`: "Continue in this window" starts the same-window flow (its navigation is a spy here). */
export const PopupBlockedWithRedirect: Story = {
  args: { redirect: { runtime: northwind, returnTo: "https://app.plugboard.example/integrations", options: { navigate: fn(), storage: memoryStorage() } } },
  parameters: { fakePopup: { blocked: true } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await ready(canvas);
    await userEvent.click(canvas.getByRole("button", { name: "Connect Northwind Books" }));
    const alert = await canvas.findByRole("alert");
    await userEvent.click(within(alert).getByRole("button", { name: "Continue in this window" }));
    await waitFor(() => expect(args.redirect?.options?.navigate).toHaveBeenCalledWith(expect.stringMatching(/^https:\/\/auth\.northwind\.example\/oauth\/authorize\?/)));
    await expect(await canvas.findByText("Taking you to the sign-in page…")).toBeVisible();
  },
};

/** The default label (`messages.signInAndConnect`), in Spanish. */
export const DefaultLabelSpanish: Story = {
  args: { children: undefined, locale: "es" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ready(canvas);
    const button = canvas.getByRole("button", { name: messagesByLocale.es.signInAndConnect });
    await expect(button).toHaveAccessibleDescription(messagesByLocale.es.opensSignInWindow);
  },
};
