import { describe, expect, it, vi } from "vitest";
import { ErrorKey, InputError, PlugboardError } from "../errors.ts";
import type { AuthOption, Connection } from "../types.ts";
import { createConnectFlow } from "./connect-flow.ts";
import type { ConnectRuntime } from "./connect-flow.ts";
import { connectFlowReducer, ConnectFlowEvent, initialConnectFlowSnapshot } from "./connect-flow-reducer.ts";

const apiKey: AuthOption = { key: "api-key", type: "client-credentials", title: "API key" };
const basic: AuthOption = { key: "basic", type: "client-credentials", title: "Username and password" };

const connection: Connection = {
  authOptionKey: "api-key",
  authType: "client-credentials",
  credentials: { apiKey: "k" },
  input: { apiKey: "k" },
  connectedAt: "2026-11-29T00:00:00.000Z",
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function runtime(options: AuthOption[], connect: ConnectRuntime["connect"] = async () => connection): ConnectRuntime {
  return { getAuthOptions: async () => options, connect };
}

function statesOf(flow: ReturnType<typeof createConnectFlow>): string[] {
  const states: string[] = [flow.getSnapshot().state];
  flow.subscribe(() => states.push(flow.getSnapshot().state));
  return states;
}

describe("connect flow", () => {
  it("goes straight to the form when there is one option, then connecting → testing → connected", async () => {
    const onConnected = vi.fn();
    const flow = createConnectFlow({
      runtime: runtime([apiKey], async (request) => {
        request.onProgress?.("connecting");
        request.onProgress?.("testing");
        return connection;
      }),
      onConnected,
    });
    const states = statesOf(flow);
    await flow.start();
    expect(flow.getSnapshot()).toMatchObject({ state: "entering-input", selectedOptionKey: "api-key" });
    flow.setInput({ apiKey: "k" });
    await flow.submit();
    expect(states).toEqual(["idle", "loading-options", "entering-input", "entering-input", "connecting", "testing", "connected"]);
    expect(flow.getSnapshot().connection).toEqual(connection);
    expect(onConnected).toHaveBeenCalledWith({ connection });
  });

  it("asks the user to choose when there are several options, and preselects initialOptionKey", async () => {
    const choose = createConnectFlow({ runtime: runtime([apiKey, basic]) });
    await choose.start();
    expect(choose.getSnapshot().state).toBe("choosing-option");
    choose.selectOption("basic");
    expect(choose.getSnapshot()).toMatchObject({ state: "entering-input", selectedOptionKey: "basic" });
    choose.back();
    expect(choose.getSnapshot().state).toBe("choosing-option");

    const preselected = createConnectFlow({ runtime: runtime([apiKey, basic]), initialOptionKey: "basic" });
    await preselected.start();
    expect(preselected.getSnapshot()).toMatchObject({ state: "entering-input", selectedOptionKey: "basic" });
  });

  it("ignores selecting an option that does not exist", async () => {
    const flow = createConnectFlow({ runtime: runtime([apiKey, basic]) });
    await flow.start();
    flow.selectOption("nope");
    expect(flow.getSnapshot().state).toBe("choosing-option");
  });

  it("returns to the form with field issues on invalid_input, keeping the input", async () => {
    const issues = [{ path: "/apiKey", message: "is required", code: "required" }];
    const flow = createConnectFlow({
      runtime: runtime([apiKey], async () => {
        throw new InputError(issues);
      }),
    });
    await flow.start();
    flow.setInput({ other: "kept" });
    await flow.submit();
    expect(flow.getSnapshot()).toMatchObject({ state: "entering-input", input: { other: "kept" }, error: { key: ErrorKey.INVALID_INPUT, issues } });
  });

  it("fails with the error key, then goes back to the input on edit with nothing lost", async () => {
    const onError = vi.fn();
    const flow = createConnectFlow({
      initialInput: { apiKey: "wrong" },
      runtime: runtime([apiKey], async () => {
        throw new PlugboardError(ErrorKey.TEST_FAILED, { message: "The connection test failed: 401" });
      }),
      onError,
    });
    await flow.start();
    await flow.submit();
    expect(flow.getSnapshot()).toMatchObject({ state: "failed", error: { key: ErrorKey.TEST_FAILED, message: "The connection test failed: 401" } });
    expect(onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key: ErrorKey.TEST_FAILED }) });
    flow.edit();
    expect(flow.getSnapshot()).toMatchObject({ state: "entering-input", input: { apiKey: "wrong" } });
  });

  it("lets the user retry straight from the failed state", async () => {
    let calls = 0;
    const flow = createConnectFlow({
      runtime: runtime([apiKey], async () => {
        if (++calls === 1) throw new PlugboardError(ErrorKey.NETWORK_ERROR);
        return connection;
      }),
    });
    await flow.start();
    await flow.submit();
    expect(flow.getSnapshot().state).toBe("failed");
    await flow.submit();
    expect(flow.getSnapshot().state).toBe("connected");
  });

  it("ignores a second submit while connecting (double click starts one attempt)", async () => {
    const pending = deferred<Connection>();
    const connect = vi.fn(() => pending.promise);
    const flow = createConnectFlow({ runtime: runtime([apiKey], connect) });
    await flow.start();
    const first = flow.submit();
    const second = flow.submit();
    pending.resolve(connection);
    await Promise.all([first, second]);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(flow.getSnapshot().attempt).toBe(1);
  });

  it("cancels while connecting and ignores the late result", async () => {
    const pending = deferred<Connection>();
    const onConnected = vi.fn();
    const onCancel = vi.fn();
    const flow = createConnectFlow({ runtime: runtime([apiKey], () => pending.promise), onConnected, onCancel });
    await flow.start();
    const submitted = flow.submit();
    flow.cancel();
    pending.resolve(connection);
    await submitted;
    expect(flow.getSnapshot().state).toBe("cancelled");
    expect(onConnected).not.toHaveBeenCalled();
    expect(onCancel).toHaveBeenCalledWith({ state: "connecting" });
  });

  it("fails with a clear error when options cannot load", async () => {
    const flow = createConnectFlow({
      runtime: {
        getAuthOptions: async () => {
          throw new PlugboardError(ErrorKey.INVALID_SPEC, { message: "Invalid connector spec" });
        },
        connect: async () => connection,
      },
    });
    await flow.start();
    expect(flow.getSnapshot()).toMatchObject({ state: "failed", error: { key: ErrorKey.INVALID_SPEC } });
  });

  it("fails with configuration_error when no option is enabled", async () => {
    const flow = createConnectFlow({ runtime: runtime([]) });
    await flow.start();
    expect(flow.getSnapshot()).toMatchObject({ state: "failed", error: { key: ErrorKey.CONFIGURATION_ERROR } });
  });

  it("reset reloads options and keeps the input", async () => {
    const flow = createConnectFlow({ runtime: runtime([apiKey]), initialInput: { apiKey: "x" } });
    await flow.start();
    await flow.submit();
    await flow.reset();
    expect(flow.getSnapshot()).toMatchObject({ state: "entering-input", input: { apiKey: "x" }, connection: undefined });
  });

  it("reconnects: preselects the connection's option and input, and keeps its id", async () => {
    const existing: Connection = { ...connection, id: "conn_1", authOptionKey: "basic", input: { user: "ada" } };
    const connect = vi.fn<ConnectRuntime["connect"]>(async () => ({ ...connection, authOptionKey: "basic" }));
    const flow = createConnectFlow({ runtime: runtime([apiKey, basic], connect), connection: existing });
    await flow.start();
    expect(flow.getSnapshot()).toMatchObject({ state: "entering-input", selectedOptionKey: "basic", input: { user: "ada" } });
    await flow.submit();
    expect(flow.getSnapshot().connection).toMatchObject({ id: "conn_1", authOptionKey: "basic" });
    expect(connect).toHaveBeenCalledWith(expect.objectContaining({ authOptionKey: "basic", input: { user: "ada" } }));
  });

  it("passes the authorize handler through to the runtime for OAuth options", async () => {
    const connect = vi.fn<ConnectRuntime["connect"]>(async (request) => {
      request.onProgress?.("authorizing");
      await request.authorize?.({ url: "https://provider.example/authorize", state: "s" });
      request.onProgress?.("exchanging");
      return connection;
    });
    const authorize = vi.fn(async () => new URLSearchParams("code=c&state=s"));
    const flow = createConnectFlow({ runtime: runtime([{ ...apiKey, type: "oauth2", requiresAuthorization: true }], connect) });
    const states = statesOf(flow);
    await flow.start();
    await flow.submit({ authorize });
    expect(authorize).toHaveBeenCalledWith({ url: "https://provider.example/authorize", state: "s" });
    expect(states.slice(-4)).toEqual(["connecting", "authorizing", "exchanging", "connected"]);
  });

  it("stops notifying after unsubscribe", async () => {
    const flow = createConnectFlow({ runtime: runtime([apiKey]) });
    const listener = vi.fn();
    const unsubscribe = flow.subscribe(listener);
    unsubscribe();
    await flow.start();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe("connectFlowReducer", () => {
  it("returns the same snapshot for events that do not apply (so subscribers are not woken)", () => {
    const idle = initialConnectFlowSnapshot();
    expect(connectFlowReducer(idle, { type: ConnectFlowEvent.CONNECT_STARTED })).toBe(idle);
    expect(connectFlowReducer(idle, { type: ConnectFlowEvent.CANCEL })).toBe(idle);
  });

  it("ignores progress and results from an older attempt", () => {
    const connecting = { ...initialConnectFlowSnapshot(), state: "connecting" as const, selectedOptionKey: "a", attempt: 2 };
    expect(connectFlowReducer(connecting, { type: ConnectFlowEvent.CONNECT_SUCCEEDED, attempt: 1, connection })).toBe(connecting);
    expect(connectFlowReducer(connecting, { type: ConnectFlowEvent.CONNECT_PROGRESS, attempt: 1, step: "testing" })).toBe(connecting);
  });
});
