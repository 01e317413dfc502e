/**
 * Every error a person can meet in the widget is shown with its human message (from the stable
 * key), and they can retry without retyping.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { InputError } from "@plugboard/auth-core";
import type { AuthOption, ConnectRuntime } from "@plugboard/auth-core";
import { en } from "../messages/en.ts";
import { acmeCrm, ACME_VALID_KEYS, approveConsent, helpdesk, ledger, NORTHWIND_CLIENT, northwindBooks, northwindProvider } from "../test-utils/connectors.ts";
import { engineFor } from "../test-utils/engines.ts";
import { createFakeBrowser } from "../test-utils/fake-popup.ts";
import { serverRuntimeFor } from "../test-utils/server-runtime.ts";
import { ConnectWidget } from "./connect-widget.tsx";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

const server = setupMockProviders();

const field = (label: RegExp) => screen.findByLabelText(label, { selector: "input, select" });

async function expectAlert(key: keyof typeof en.errors): Promise<HTMLElement> {
  const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
  expect(alert.getAttribute("data-error-key")).toBe(key);
  expect(alert.textContent).toContain(en.errors[key]);
  return alert;
}

describe("input problems", () => {
  it("invalid_input in the form: each field says what is wrong, and nothing is sent", async () => {
    const user = userEvent.setup();
    const requests: string[] = [];
    server.events.on("request:start", ({ request }) => void requests.push(request.url));
    render(<ConnectWidget engine={engineFor(acmeCrm)} />);
    await user.type(await field(/API key/), "not-a-key");
    await user.click(screen.getByRole("button", { name: en.connect }));

    const input = await field(/API key/);
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "");
    expect(describedBy.join(" ")).toMatch(/API key doesn't look right/);
    expect(requests).toEqual([]);
    server.events.removeAllListeners();
  });

  it("invalid_input from the engine: issues land on their fields, with a summary, and typing clears them", async () => {
    const user = userEvent.setup();
    const option: AuthOption = {
      key: "",
      type: "client-credentials",
      title: "API key",
      inputSchema: { type: "object", properties: { apiKey: { type: "string", title: "API key" } }, required: ["apiKey"] },
    };
    const runtime: ConnectRuntime = {
      getAuthOptions: async () => [option],
      connect: async () => {
        throw new InputError([{ path: "/apiKey", code: "pattern", message: "does not match" }]);
      },
    };
    const onError = vi.fn();
    render(<ConnectWidget runtime={runtime} onError={onError} />);
    await user.type(await field(/API key/), "abc");
    await user.click(screen.getByRole("button", { name: en.connect }));

    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toBe(en.fieldsNeedAttention);
    expect(onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "invalid_input" }) });
    const input = await field(/API key/);
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    expect(document.body.textContent).toContain("API key doesn't look right");
    expect((input as HTMLInputElement).value).toBe("abc");
  });
});

describe("failures with a retry", () => {
  it("test_failed (helpdesk)", async () => {
    const user = userEvent.setup();
    render(<ConnectWidget engine={engineFor(helpdesk)} initialInput={helpdesk.fixtures.rejectedInput} />);
    await user.click(await screen.findByRole("button", { name: en.connect }));
    await expectAlert("test_failed");
    expect(screen.getByRole("button", { name: en.retry })).toBeTruthy();
    // Edit details: back to the form, input kept, focus on the first field.
    await user.click(screen.getByRole("button", { name: en.editDetails }));
    expect(screen.queryByRole("alert")).toBeNull();
    const subdomain = await field(/Subdomain/);
    expect(document.activeElement).toBe(subdomain);
    expect((subdomain as HTMLInputElement).value).toBe(helpdesk.fixtures.rejectedInput!.subdomain);
    expect(screen.getByRole("button", { name: en.connect })).toBeTruthy();
  });

  it("credentials_rejected (ledger), with the technical message behind a disclosure", async () => {
    const user = userEvent.setup();
    render(<ConnectWidget engine={engineFor(ledger)} initialInput={ledger.fixtures.rejectedInput} />);
    await user.click(await screen.findByRole("button", { name: en.connect }));
    const alert = await expectAlert("credentials_rejected");
    expect(alert.querySelector("details summary")?.textContent).toBe(en.technicalDetails);
  });

  it("network_error (the server runtime is unreachable), then Try again loads the options", async () => {
    const user = userEvent.setup();
    const { runtime } = serverRuntimeFor("acme-crm", { failFirst: 1 });
    render(<ConnectWidget runtime={runtime} />);
    await expectAlert("network_error");
    await user.click(screen.getByRole("button", { name: en.retry }));
    expect(await field(/API key/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a failed attempt keeps the input: Try again connects with it", async () => {
    const user = userEvent.setup();
    server.use(http.get("https://:region.api.acme-crm.example/v2/me", () => HttpResponse.json({ error: { code: "busy" } }, { status: 500 }), { once: true }));
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(acmeCrm)} initialInput={{ apiKey: ACME_VALID_KEYS[0] }} onConnected={onConnected} />);
    await user.click(await screen.findByRole("button", { name: en.connect }));
    await expectAlert("test_failed");
    await user.click(screen.getByRole("button", { name: en.retry }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(onConnected.mock.calls[0]![0].connection.input.apiKey).toBe(ACME_VALID_KEYS[0]);
  });

  it("invalid_spec: a broken spec is reported, not thrown", async () => {
    const onError = vi.fn();
    render(<ConnectWidget spec={"type: oauth3\nmakeApiClient: {type: mapping, mapping: {}}"} onError={onError} />);
    await expectAlert("invalid_spec");
    expect(onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "invalid_spec" }) });
    expect(screen.getByRole("button", { name: en.retry })).toBeTruthy();
  });

  it("configuration_error: the integration has no OAuth client id", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    render(<ConnectWidget engine={engineFor(northwindBooks, { connectorParameters: {} })} popup={{ ports: browser.ports }} />);
    await user.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await expectAlert("configuration_error");
    // The blank popup opened in the click is closed again.
    expect(browser.windows[0]!.closed).toBe(true);
  });
});

describe("OAuth failures", () => {
  it("access_denied: the user clicked Deny at the provider", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser({ behavior: "deny" });
    render(<ConnectWidget engine={engineFor(northwindBooks)} popup={{ ports: browser.ports }} />);
    await user.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await expectAlert("access_denied");
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(0);
  });

  it("token_exchange_failed: the provider refused the integration's client secret", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    render(<ConnectWidget engine={engineFor(northwindBooks, { connectorParameters: { ...NORTHWIND_CLIENT, clientSecret: "wrong" } })} popup={{ ports: browser.ports }} />);
    await user.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await expectAlert("token_exchange_failed");
  });

  it("state_mismatch: a callback whose parameters carry another state is refused", async () => {
    const browser = createFakeBrowser({ behavior: "manual" });
    render(<ConnectWidget engine={engineFor(northwindBooks)} popup={{ ports: browser.ports }} />);
    fireEvent.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await waitFor(() => expect(browser.windows[0]!.navigations).toHaveLength(1));
    const authorizeUrl = new URL(browser.windows[0]!.navigations[0]!);
    const state = authorizeUrl.searchParams.get("state")!;
    const callback = new URL(await approveConsent(authorizeUrl.href));
    callback.searchParams.set("state", `${state}x`);
    act(() => browser.post({ source: "plugboard", type: "oauth-callback", state, params: [...callback.searchParams] }));
    await expectAlert("state_mismatch");
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(0);
  });

  it("timeout: the sign-in never came back", async () => {
    const browser = createFakeBrowser({ behavior: "manual", clock: "manual" });
    render(<ConnectWidget engine={engineFor(northwindBooks)} popup={{ ports: browser.ports, timeoutMs: 60_000 }} />);
    fireEvent.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await waitFor(() => expect(browser.windows[0]!.navigations).toHaveLength(1));
    act(() => browser.tick(60_000));
    await expectAlert("timeout");
  });
});
