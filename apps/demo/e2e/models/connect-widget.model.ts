/**
 * The ConnectWidget as a user sees it (@plugboard/react): option picker, the option's form, the
 * connect button, progress, the error / cancelled / blocked panels and the connected summary.
 * Texts come from packages/react/src/messages/en.ts; `data-state` and `data-error-key` are the
 * widget's stable hooks.
 */
import type { AuthOption } from "@plugboard/auth-core";
import type { Locator, Page } from "playwright-core";
import { ConsentPopup } from "./consent-popup.model.ts";

export type WidgetState =
  | "idle"
  | "loading-options"
  | "choosing-option"
  | "entering-input"
  | "connecting"
  | "authorizing"
  | "exchanging"
  | "testing"
  | "connected"
  | "failed"
  | "cancelled";

/** Where the widget rests until the user acts again. */
export const SETTLED_STATES: readonly WidgetState[] = ["choosing-option", "entering-input", "connected", "failed", "cancelled"];
const OUTCOMES: readonly WidgetState[] = ["connected", "failed", "cancelled"];

export const WIDGET_TEXT = {
  connect: "Connect",
  signInAndConnect: "Sign in and connect",
  retry: "Try again",
  continueInThisWindow: "Continue in this window",
  startOver: "Start over",
  popupBlockedTitle: "The sign-in window was blocked",
  cancelledTitle: "Connection cancelled",
  connectedTitle: "Connected",
  errors: {
    access_denied: "Access wasn't granted. To connect, sign in again and choose Allow or Approve on the consent screen.",
    popup_closed: "The sign-in window was closed before you finished, so nothing was connected. Try again when you're ready.",
    popup_blocked: "Your browser blocked the sign-in window. Allow pop-ups for this site and try again, or continue in this window.",
  },
} as const;

export class ConnectWidgetModel {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    scope: Locator = page.locator("main"),
  ) {
    this.root = scope.locator("section.pb-connect-widget");
  }

  private inState(states: readonly WidgetState[]): Locator {
    return this.root.and(this.page.locator(states.map((state) => `[data-state="${state}"]`).join(", ")));
  }

  async state(): Promise<WidgetState> {
    return (await this.root.getAttribute("data-state")) as WidgetState;
  }

  /** Waits until the widget is in one of `states`; on timeout says where it is instead. */
  async waitForState(states: WidgetState | readonly WidgetState[], timeout = 15_000): Promise<WidgetState> {
    const wanted = typeof states === "string" ? [states] : states;
    try {
      await this.inState(wanted).waitFor({ timeout });
    } catch (error) {
      const now = await this.root.getAttribute("data-state", { timeout: 1_000 }).catch(() => "(no widget)");
      const alert = await this.root.locator("[role=alert]").allInnerTexts().catch(() => []);
      throw new Error(`The widget did not reach ${wanted.join(" | ")} (it is "${now}"${alert.length ? `, alert: ${alert.join(" / ")}` : ""}).`, { cause: error });
    }
    return this.state();
  }

  /** Options loaded and the widget waits for the user (also after a failure or a cancel). */
  async waitUntilReady(): Promise<WidgetState> {
    return this.waitForState(SETTLED_STATES);
  }

  async waitForOutcome(timeout = 20_000): Promise<WidgetState> {
    return this.waitForState(OUTCOMES, timeout);
  }

  // --- Option picker -------------------------------------------------------------------------

  get optionPicker(): Locator {
    return this.root.getByRole("radiogroup", { name: "Choose how to connect" });
  }

  async chooseOption(title: string): Promise<void> {
    await this.optionPicker.getByRole("radio", { name: title, exact: true }).check();
    await this.waitForState("entering-input");
  }

  // --- The option's form ---------------------------------------------------------------------

  /** The option's form (inside the widget; the option picker is outside it). */
  get form(): Locator {
    return this.root.locator("form");
  }

  /**
   * A form control by its label, as assistive technology names it (the required marker `*` is
   * aria-hidden, so "API key", not "API key *").
   */
  field(label: string, role: "textbox" | "combobox" | "checkbox" = "textbox"): Locator {
    return this.form.getByRole(role, { name: label, exact: true });
  }

  /**
   * Fills the option's form from input values, finding each control by the label the schema gives
   * it (`title`, else the property name): text and secrets are typed, enums selected, booleans ticked.
   */
  async fill(values: Record<string, unknown>, option: Pick<AuthOption, "inputSchema">): Promise<void> {
    const properties = (option.inputSchema?.properties ?? {}) as Record<string, { title?: string; enum?: unknown[] }>;
    for (const [name, value] of Object.entries(values)) {
      const schema = properties[name];
      if (!schema) throw new Error(`The option's input schema has no "${name}" field.`);
      const label = schema.title ?? name;
      if (typeof value === "boolean") await this.field(label, "checkbox").setChecked(value);
      else if (schema.enum) await this.field(label, "combobox").selectOption({ label: String(value) });
      else await this.field(label).fill(String(value));
    }
  }

  // --- Connecting ----------------------------------------------------------------------------

  /** The primary action: "Connect", "Sign in and connect" or, after a failure, "Try again". */
  get connectButton(): Locator {
    return this.root.locator("button[data-pb-connect]").first();
  }

  /** Clicks connect for options that need no sign-in window. */
  async connect(): Promise<void> {
    await this.connectButton.click();
  }

  /** Clicks connect and returns the sign-in window the click opened. */
  async connectInPopup(): Promise<ConsentPopup> {
    const opened = this.page.waitForEvent("popup", { timeout: 10_000 });
    await this.connectButton.click();
    return new ConsentPopup(await opened);
  }

  // --- Outcomes ------------------------------------------------------------------------------

  /** The alert of a failure (or of a blocked window): its `data-error-key` and text. */
  async alert(): Promise<{ key: string | null; text: string }> {
    const alert = this.root.locator("[role=alert][data-error-key]").first();
    await alert.waitFor();
    return { key: await alert.getAttribute("data-error-key"), text: await alert.innerText() };
  }

  get blockedPanel(): Locator {
    return this.root.getByRole("alert").filter({ hasText: WIDGET_TEXT.popupBlockedTitle });
  }

  get continueInThisWindowButton(): Locator {
    return this.root.getByRole("button", { name: WIDGET_TEXT.continueInThisWindow, exact: true });
  }

  get cancelledPanel(): Locator {
    return this.root.locator("[data-reason]").filter({ hasText: WIDGET_TEXT.cancelledTitle });
  }

  /** `popup_closed` or `cancelled`. */
  async cancelledReason(): Promise<string | null> {
    return this.cancelledPanel.getAttribute("data-reason");
  }

  get successPanel(): Locator {
    return this.root.locator(".pb-success");
  }
}
