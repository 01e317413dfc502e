/** Steps the play functions share: find a field, expect an outcome. */
import type { Connection, ErrorKey } from "@plugboard/auth-core";
import { expect, waitFor } from "storybook/test";
import type { Mock, within } from "storybook/test";
import { en } from "../messages/en.ts";
import type { Messages } from "../messages/index.ts";

export type Canvas = ReturnType<typeof within>;

/** Real flows run sandboxed JavaScript and several mock requests: allow them a moment. */
export const FLOW_TIMEOUT = { timeout: 10_000 };

/** The form control labelled `label` (not a radio of the option picker). */
export function findField(canvas: Canvas, label: RegExp): Promise<HTMLInputElement> {
  return canvas.findByLabelText(label, { selector: "input:not([type=radio]), select, textarea" }, FLOW_TIMEOUT) as Promise<HTMLInputElement>;
}

/** The connected summary, after the whole flow. */
export async function expectConnected(canvas: Canvas, messages: Messages = en): Promise<HTMLElement> {
  const summary = await canvas.findByRole("region", { name: messages.connectedTitle }, FLOW_TIMEOUT);
  await expect(summary).toBeVisible();
  return summary;
}

/** The error callout for `key`, with its human message. */
export async function expectErrorAlert(canvas: Canvas, key: ErrorKey, messages: Messages = en): Promise<HTMLElement> {
  const alert = await canvas.findByRole("alert", {}, FLOW_TIMEOUT);
  await expect(alert).toHaveAttribute("data-error-key", key);
  await expect(alert).toHaveTextContent(messages.errors[key]);
  return alert;
}

/** Waits for the single `onConnected` call of a story (its arg is an `fn()` spy) and returns its connection. */
export async function connectedWith(onConnected: unknown): Promise<Connection> {
  const spy = onConnected as Mock<(details: { connection: Connection }) => void>;
  await waitFor(() => expect(spy).toHaveBeenCalledTimes(1), FLOW_TIMEOUT);
  return spy.mock.calls[0]![0].connection;
}
