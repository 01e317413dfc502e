/**
 * What the widget loads, and when: the OAuth button's chunk loads only for connectors with an
 * option that needs authorization (API-key connectors never load it); a look-alike that is not a
 * button holds its place meanwhile.
 */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { en } from "../messages/en.ts";
import { ACME_VALID_KEYS } from "../test-utils/connectors.ts";
import { createFakeBrowser } from "../test-utils/fake-popup.ts";
import { serverRuntimeFor } from "../test-utils/server-runtime.ts";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { ConnectWidget } from "./connect-widget.tsx";
import { setupMockProviders } from "../test-utils/mock-server.ts";

const imports = vi.hoisted(() => ({ oauthButton: 0 }));
vi.mock("../oauth-button/oauth-button.tsx", async (importOriginal) => {
  imports.oauthButton += 1;
  return importOriginal();
});

preloadFormBeforeAll();

setupMockProviders();

// In this order: the module registry keeps the OAuth button once a test has loaded it.
describe("ConnectWidget's lazily loaded chunks", () => {
  it("an API-key connector connects without ever loading the OAuth button", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    render(<ConnectWidget runtime={serverRuntimeFor("acme-crm").runtime} onConnected={onConnected} />);
    await user.type(await screen.findByLabelText(/API key/, { selector: "input" }), ACME_VALID_KEYS[0]!);
    await user.click(screen.getByRole("button", { name: en.connect }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(imports.oauthButton).toBe(0);
  });

  it("an OAuth connector loads it once the options are there; a look-alike holds its place meanwhile", async () => {
    const browser = createFakeBrowser();
    const { container } = render(<ConnectWidget runtime={serverRuntimeFor("northwind-books").runtime} popup={{ ports: browser.ports }} />);
    // The options arrive first; the OAuth button's chunk starts loading then.
    const placeholder = await waitFor(() => {
      const element = container.querySelector("[data-pb-placeholder]");
      expect(element).not.toBeNull();
      return element!;
    });
    expect(placeholder.getAttribute("aria-hidden")).toBe("true");
    expect(placeholder.textContent).toBe(en.signInAndConnect);
    expect(screen.queryByRole("button", { name: en.signInAndConnect })).toBeNull();

    const button = await screen.findByRole("button", { name: en.signInAndConnect });
    expect(imports.oauthButton).toBe(1);
    expect(button.hasAttribute("data-pb-connect")).toBe(true);
    expect(container.querySelector("[data-pb-placeholder]")).toBeNull();
  });
});
