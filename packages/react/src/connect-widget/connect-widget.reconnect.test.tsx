/** Reconnecting an existing connection through the widget (regressions found in Storybook). */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Connection } from "@plugboard/auth-core";
import { acmeCrm, ACME_VALID_KEYS, allMockHandlers, resetMockProviders } from "../test-utils/connectors.ts";
import { engineFor } from "../test-utils/engines.ts";
import { en } from "../messages/en.ts";
import { ConnectWidget } from "./connect-widget.tsx";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";

preloadFormBeforeAll();

const server = setupServer(...allMockHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetMockProviders());
afterAll(() => server.close());

const existing: Connection = {
  id: "conn_42",
  authOptionKey: "",
  authType: "client-credentials",
  credentials: { apiKey: "acme_oldkey0000", region: "eu" },
  input: { apiKey: "acme_oldkey0000", region: "eu" },
  connectedAt: "2026-11-01T00:00:00.000Z",
};

describe("ConnectWidget: reconnect", () => {
  it("prefills saved values over schema defaults, never secrets, and keeps the connection id", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(acmeCrm)} connection={existing} onConnected={onConnected} />);

    const region = (await screen.findByLabelText(/Data region/, { selector: "select" })) as HTMLSelectElement;
    await waitFor(() => expect(region.selectedOptions[0]?.textContent).toBe("eu"));
    const apiKey = screen.getByLabelText(/API key/, { selector: "input" }) as HTMLInputElement;
    expect(apiKey.value).toBe("");

    await user.type(apiKey, ACME_VALID_KEYS[0]!);
    await user.click(screen.getByRole("button", { name: "Connect" }));
    expect(await screen.findByText(en.connectedTitle, { selector: "p" })).toBeTruthy();
    expect(onConnected.mock.calls[0]![0].connection).toMatchObject({ id: "conn_42", input: { apiKey: ACME_VALID_KEYS[0], region: "eu" } });
  });
});
