import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { AuthOption, Connection, ConnectRuntime } from "@plugboard/auth-core";
import { ConnectWidget } from "./connect-widget/connect-widget.tsx";
import { useConnectFlow } from "./use-connect-flow.ts";
import { preloadFormBeforeAll } from "./test-utils/preload.ts";

preloadFormBeforeAll();

const apiKeyOption: AuthOption = {
  key: "apiKey",
  type: "client-credentials",
  title: "API key",
  inputSchema: {
    type: "object",
    properties: { apiKey: { type: "string", title: "API key", format: "password" }, region: { type: "string", title: "Region" }, token: { type: "string", writeOnly: true } },
  },
};
const otherOption: AuthOption = { key: "basic", type: "client-credentials", title: "Basic" };

function fakeRuntime(options: AuthOption[] = [apiKeyOption, otherOption]) {
  const connect = vi.fn(async (request: { authOptionKey?: string; input?: Record<string, unknown> }): Promise<Connection> => ({
    authOptionKey: request.authOptionKey ?? "",
    authType: "client-credentials",
    credentials: { ...request.input },
    input: { ...request.input },
    connectedAt: "2026-11-29T10:00:00.000Z",
  }));
  const getAuthOptions = vi.fn(async () => options);
  const runtime: ConnectRuntime = { getAuthOptions, connect };
  return { runtime, connect, getAuthOptions };
}

describe("useConnectFlow", () => {
  it("creates the flow once, starts it after mount and renders its snapshots", async () => {
    const { runtime, getAuthOptions } = fakeRuntime();
    const { result, rerender } = renderHook((props: { runtime: ConnectRuntime }) => useConnectFlow(props), { initialProps: { runtime } });
    const flow = result.current.flow;
    await waitFor(() => expect(result.current.snapshot.state).toBe("choosing-option"));
    rerender({ runtime: fakeRuntime().runtime });
    expect(result.current.flow).toBe(flow);
    expect(getAuthOptions).toHaveBeenCalledTimes(1);

    act(() => result.current.actions.selectOption("basic"));
    expect(result.current.snapshot).toMatchObject({ state: "entering-input", selectedOptionKey: "basic" });
    const actions = result.current.actions;
    rerender({ runtime });
    expect(result.current.actions).toBe(actions);
  });

  it("calls the latest callbacks without recreating the flow", async () => {
    const { runtime } = fakeRuntime([otherOption]);
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook((props: { onConnected: () => void }) => useConnectFlow({ runtime, onConnected: props.onConnected }), {
      initialProps: { onConnected: first },
    });
    await waitFor(() => expect(result.current.snapshot.state).toBe("entering-input"));
    rerender({ onConnected: second });
    await act(() => result.current.actions.submit());
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({ connection: expect.objectContaining({ authOptionKey: "basic" }) });
  });

  it("reconnect: preselects the connection's option and prefills its input without secrets (also in StrictMode)", async () => {
    const { runtime } = fakeRuntime();
    const connection: Connection = {
      authOptionKey: "apiKey",
      authType: "client-credentials",
      credentials: {},
      input: { apiKey: "secret-key", region: "eu", token: "t0ken" },
      connectedAt: "2026-01-01T00:00:00.000Z",
    };
    const { result } = renderHook(() => useConnectFlow({ runtime, connection, initialInput: { note: "hi" } }), { wrapper: StrictMode });
    await waitFor(() => expect(result.current.snapshot.input).toEqual({ region: "eu", note: "hi" }));
    expect(result.current.snapshot).toMatchObject({ state: "entering-input", selectedOptionKey: "apiKey" });
  });

  it("the widget also reconnects: the form shows the kept input, the secret field is empty", async () => {
    const { runtime } = fakeRuntime();
    const connection: Connection = {
      authOptionKey: "apiKey",
      authType: "client-credentials",
      credentials: {},
      input: { apiKey: "secret-key", region: "eu" },
      connectedAt: "2026-01-01T00:00:00.000Z",
    };
    render(
      <StrictMode>
        <ConnectWidget runtime={runtime} connection={connection} />
      </StrictMode>,
    );
    const region = (await screen.findByLabelText("Region")) as HTMLInputElement;
    await waitFor(() => expect(region.value).toBe("eu"));
    expect((screen.getByLabelText(/^API key/, { selector: "input:not([type=radio])" }) as HTMLInputElement).value).toBe("");
    expect((screen.getByRole("radio", { name: "API key" }) as HTMLInputElement).checked).toBe(true);
  });
});
