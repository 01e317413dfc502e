/** Keyboard only: Tab, arrows, Space and Enter through the picker, the form and connect. */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { en } from "../messages/en.ts";
import { PIPELINE_API_KEY, pipelineCrm } from "../test-utils/connectors.ts";
import { engineFor } from "../test-utils/engines.ts";
import { createFakeBrowser } from "../test-utils/fake-popup.ts";
import { ConnectWidget } from "./connect-widget.tsx";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

setupMockProviders();

describe("ConnectWidget: keyboard only", () => {
  it("Tab into the options, Space to pick, arrows to switch, type, Enter to connect", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(pipelineCrm)} onConnected={onConnected} />);
    const [apiKey, oauth] = await screen.findAllByRole("radio");

    await user.tab();
    expect(document.activeElement).toBe(apiKey);
    await user.keyboard(" ");
    expect((apiKey as HTMLInputElement).checked).toBe(true);

    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(oauth);
    expect((oauth as HTMLInputElement).checked).toBe(true);
    expect(await screen.findByRole("button", { name: en.signInAndConnect })).toBeTruthy();

    await user.keyboard("{ArrowUp}");
    expect((apiKey as HTMLInputElement).checked).toBe(true);
    const input = await screen.findByLabelText(/API token/, { selector: "input:not([type=radio])" });

    // Tab order: the option, the help link, then the field.
    await user.tab();
    expect(document.activeElement?.tagName).toBe("A");
    await user.tab();
    expect(document.activeElement).toBe(input);
    await user.keyboard(PIPELINE_API_KEY);
    await user.keyboard("{Enter}");

    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(onConnected.mock.calls[0]![0].connection.authOptionKey).toBe("apiKey");
    // Focus moves to the result instead of getting lost with the removed button.
    await waitFor(() => expect(document.activeElement?.className).toContain("pb-success"));
  });

  it("arrows to the OAuth option, Tab to the button, Enter opens the popup and connects", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(pipelineCrm)} popup={{ ports: browser.ports }} onConnected={onConnected} />);
    await screen.findAllByRole("radio");
    await user.tab();
    await user.keyboard("{ArrowDown}");
    const button = await screen.findByRole("button", { name: en.signInAndConnect });
    await user.tab();
    expect(document.activeElement).toBe(button);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(browser.open).toHaveBeenCalledTimes(1);
  });

  it("Space on the connect button works too", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(pipelineCrm)} initialOptionKey="oauth" popup={{ ports: browser.ports }} onConnected={onConnected} />);
    const button = await screen.findByRole("button", { name: en.signInAndConnect });
    button.focus();
    await user.keyboard(" ");
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
  });
});
