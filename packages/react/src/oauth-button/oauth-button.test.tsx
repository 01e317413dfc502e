/** OAuthButton on its own (with useConnectFlow), and the redirect helpers for the return page. */
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { AuthEngine } from "@plugboard/auth-core";
import { en } from "../messages/en.ts";
import { approveConsent, northwindBooks } from "../test-utils/connectors.ts";
import { engineFor } from "../test-utils/engines.ts";
import { APP_ORIGIN, createFakeBrowser } from "../test-utils/fake-popup.ts";
import { useConnectFlow } from "../use-connect-flow.ts";
import { OAuthButton } from "./oauth-button.tsx";
import type { OAuthButtonProps } from "./oauth-button.tsx";
import { startRedirectConnect } from "./redirect-connect.ts";
import { useResumeRedirect } from "./use-resume-redirect.ts";
import type { UseResumeRedirectOptions } from "./use-resume-redirect.ts";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

setupMockProviders();

function memoryStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
}

function Host(props: { engine: AuthEngine; button?: Partial<OAuthButtonProps>; onConnected?: () => void }) {
  const { snapshot, flow } = useConnectFlow({ runtime: props.engine, ...(props.onConnected ? { onConnected: props.onConnected } : {}) });
  return (
    <div>
      <p data-testid="state">{snapshot.state}</p>
      <OAuthButton flow={flow} {...props.button}>
        Connect Northwind
      </OAuthButton>
    </div>
  );
}

describe("OAuthButton used alone", () => {
  it("opens the popup in the click and runs the host's flow", async () => {
    const browser = createFakeBrowser();
    const onConnected = vi.fn();
    render(<Host engine={engineFor(northwindBooks)} button={{ popup: { ports: browser.ports } }} onConnected={onConnected} />);
    await waitFor(() => expect(screen.getByTestId("state").textContent).toBe("entering-input"));
    const button = screen.getByRole("button", { name: "Connect Northwind" });
    expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toBe(en.opensSignInWindow);
    fireEvent.click(button);
    expect(browser.open).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId("state").textContent).toBe("connected");
  });

  it("canConnect false: nothing opens and the click's default action goes ahead (the form submits)", async () => {
    const browser = createFakeBrowser();
    const onSubmit = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    function FormHost() {
      const { flow } = useConnectFlow({ runtime: engineFor(northwindBooks) });
      return (
        <form onSubmit={onSubmit}>
          <OAuthButton flow={flow} type="submit" popup={{ ports: browser.ports }} canConnect={() => false} />
        </form>
      );
    }
    render(<FormHost />);
    fireEvent.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    expect(browser.open).not.toHaveBeenCalled();
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("disabled: no popup", async () => {
    const browser = createFakeBrowser();
    render(<Host engine={engineFor(northwindBooks)} button={{ popup: { ports: browser.ports }, disabled: true }} />);
    const button = screen.getByRole("button", { name: "Connect Northwind" });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button);
    expect(browser.open).not.toHaveBeenCalled();
  });

  it("blocked without a redirect runtime: explains and offers only a retry", async () => {
    const browser = createFakeBrowser();
    browser.block = true;
    const onBlocked = vi.fn();
    render(<Host engine={engineFor(northwindBooks)} button={{ popup: { ports: browser.ports }, onBlocked }} />);
    await waitFor(() => expect(screen.getByTestId("state").textContent).toBe("entering-input"));
    fireEvent.click(screen.getByRole("button", { name: "Connect Northwind" }));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(onBlocked).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "popup_blocked" }) });
    expect(screen.queryByRole("button", { name: en.continueInThisWindow })).toBeNull();
    expect(screen.getByRole("button", { name: en.retry })).toBeTruthy();
  });
});

describe("useResumeRedirect (the page the same-window flow returns to)", () => {
  function Callback(props: UseResumeRedirectOptions) {
    const result = useResumeRedirect(props);
    return (
      <p>
        {result.status}
        {result.error ? ` ${result.error.key}` : ""}
        {result.returnTo ? ` → ${result.returnTo}` : ""}
      </p>
    );
  }

  it("finishes the connection once, even in StrictMode", async () => {
    const storage = memoryStorage();
    const navigate = vi.fn();
    await startRedirectConnect(engineFor(northwindBooks), { input: {}, returnTo: `${APP_ORIGIN}/integrations` }, { storage, navigate });
    const callbackUrl = await approveConsent(navigate.mock.calls[0]![0]);
    const onConnected = vi.fn();
    render(
      <StrictMode>
        <Callback runtime={() => engineFor(northwindBooks)} onConnected={onConnected} resume={{ storage, location: { href: callbackUrl }, history: { replaceState: () => {} } }} />
      </StrictMode>,
    );
    expect(await screen.findByText(`connected → ${APP_ORIGIN}/integrations`)).toBeTruthy();
    expect(onConnected).toHaveBeenCalledTimes(1);
    expect(onConnected.mock.calls[0]![0]).toMatchObject({ connectorKey: "northwind-books", connection: { authType: "oauth2" } });
  });

  it('"none" when the URL carries no OAuth response', async () => {
    render(<Callback runtime={engineFor(northwindBooks)} resume={{ storage: memoryStorage(), location: { href: `${APP_ORIGIN}/integrations` }, history: { replaceState: () => {} } }} />);
    expect(await screen.findByText("none")).toBeTruthy();
  });

  it("popupCallback: a response this tab did not start is handed to the popup's opener", async () => {
    const postMessage = vi.fn();
    const href = `${APP_ORIGIN}/oauth/callback?code=abc&state=someone-elses`;
    render(
      <Callback
        runtime={engineFor(northwindBooks)}
        resume={{ storage: memoryStorage(), location: { href }, history: { replaceState: () => {} } }}
        popupCallback={{
          location: { href },
          history: { replaceState: () => {} },
          opener: { postMessage },
          closeWindow: () => {},
          ports: { origin: () => APP_ORIGIN, setTimeout: (fn, ms) => setTimeout(fn, ms) },
        }}
      />,
    );
    expect(await screen.findByText("handed-to-opener")).toBeTruthy();
    expect(postMessage).toHaveBeenCalledWith(expect.objectContaining({ source: "plugboard", state: "someone-elses" }), APP_ORIGIN);
  });

  it("by default a response this tab did not start fails with state_mismatch", async () => {
    const onError = vi.fn();
    const href = `${APP_ORIGIN}/oauth/callback?code=abc&state=unknown`;
    render(<Callback runtime={engineFor(northwindBooks)} onError={onError} resume={{ storage: memoryStorage(), location: { href }, history: { replaceState: () => {} } }} />);
    expect(await screen.findByText("failed state_mismatch")).toBeTruthy();
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
