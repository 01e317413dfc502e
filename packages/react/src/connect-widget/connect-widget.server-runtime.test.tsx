/** The widget on the server runtime (createServerRuntime → createAuthHandler): secrets stay on the server. */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { en } from "../messages/en.ts";
import { ACME_VALID_KEYS, approveConsent } from "../test-utils/connectors.ts";
import { createFakeBrowser } from "../test-utils/fake-popup.ts";
import { serverRuntimeFor } from "../test-utils/server-runtime.ts";
import { resumeRedirectConnect } from "../oauth-button/redirect-connect.ts";
import { ConnectWidget } from "./connect-widget.tsx";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

setupMockProviders();

describe("ConnectWidget with createServerRuntime", () => {
  it("client-credentials: connects on the server; the browser gets masked credentials", async () => {
    const user = userEvent.setup();
    const { runtime, calls } = serverRuntimeFor("acme-crm");
    const onConnected = vi.fn();
    render(<ConnectWidget runtime={runtime} onConnected={onConnected} />);
    await user.type(await screen.findByLabelText(/API key/, { selector: "input" }), ACME_VALID_KEYS[0]!);
    await user.click(screen.getByRole("button", { name: en.connect }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    const { connection } = onConnected.mock.calls[0]![0];
    expect(connection.id).toEqual(expect.any(String));
    expect(JSON.stringify(connection)).not.toContain(ACME_VALID_KEYS[0]);
    expect(calls).toEqual(["GET /connectors/acme-crm/options", "POST /connectors/acme-crm/connect"]);
  });

  it("OAuth 2.0: popup in the click, code exchanged on the server", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    const { runtime, calls } = serverRuntimeFor("northwind-books");
    const onConnected = vi.fn();
    render(<ConnectWidget runtime={runtime} popup={{ ports: browser.ports }} onConnected={onConnected} />);
    await user.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(browser.open).toHaveBeenCalledTimes(1);
    expect(calls).toContain("POST /connectors/northwind-books/complete");
    expect(onConnected.mock.calls[0]![0].connection).toMatchObject({ authType: "oauth2", id: expect.any(String) });
  });

  it("OAuth 2.0, popup blocked: continues in this window through the server, and the return page resumes", async () => {
    const browser = createFakeBrowser();
    browser.block = true;
    const storage = new Map<string, string>();
    const ports = { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value), removeItem: (key: string) => void storage.delete(key) };
    const navigate = vi.fn();
    const { runtime } = serverRuntimeFor("northwind-books");
    render(
      <ConnectWidget
        runtime={runtime}
        popup={{ ports: browser.ports }}
        redirect={{ returnTo: "https://app.plugboard.example/integrations", options: { storage: ports, navigate } }}
      />,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await user.click(await screen.findByRole("button", { name: en.continueInThisWindow }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));

    // The provider → the server's callback (which redirects to returnTo with the response) → the app page.
    const providerCallback = new URL(await approveConsent(navigate.mock.calls[0]![0]));
    const returned = new URL("https://app.plugboard.example/integrations");
    for (const [name, value] of providerCallback.searchParams) returned.searchParams.append(name, value);
    const resumed = await resumeRedirectConnect(serverRuntimeFor("northwind-books").runtime, {
      storage: ports,
      location: { href: returned.href },
      history: { replaceState: () => {} },
    });
    expect(resumed).toMatchObject({ connectorKey: "northwind-books", connection: { authType: "oauth2" } });
  });
});
