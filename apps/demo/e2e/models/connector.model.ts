/**
 * `#/connect/<key>`: one example connector with the ConnectWidget (local engine or server runtime)
 * and the connection inspector (auth type, masked credentials, sample API call, test, refresh).
 */
import type { AuthOption } from "@plugboard/auth-core";
import type { Locator, Page } from "playwright-core";
import { authOptionsOf, connectorByKey } from "../support/connectors.ts";
import type { Runtime } from "../support/connectors.ts";
import { ConnectWidgetModel } from "./connect-widget.model.ts";
import type { ConsentPopup } from "./consent-popup.model.ts";

export interface ActionResult {
  ok: boolean;
  text: string;
}

export type ConsentDecision = "approve" | "deny" | "close";

export class ConnectorPage {
  readonly widget: ConnectWidgetModel;
  /** The example connector shown, once open() ran. */
  key: string | undefined;

  constructor(readonly page: Page) {
    this.widget = new ConnectWidgetModel(page, page.locator("section.panel").filter({ has: page.locator("#widget-title") }));
  }

  static url(key: string, runtime: Runtime): string {
    return `/?runtime=${runtime}#/connect/${key}`;
  }

  /** Opens the connector page in a runtime and waits until the widget has loaded its options. */
  async open(key: string, runtime: Runtime): Promise<this> {
    this.key = key;
    await this.page.goto(ConnectorPage.url(key, runtime));
    await this.waitForLoaded(runtime);
    return this;
  }

  async waitForLoaded(runtime?: Runtime): Promise<void> {
    await this.page.getByRole("heading", { level: 1 }).waitFor();
    if (runtime) await this.page.getByTestId(`runtime-${runtime}`).and(this.page.locator(":checked")).waitFor();
    await this.widget.waitUntilReady();
  }

  async title(): Promise<string> {
    return this.page.getByRole("heading", { level: 1 }).innerText();
  }

  async switchRuntime(runtime: Runtime): Promise<void> {
    await this.page.getByTestId(`runtime-${runtime}`).check();
    await this.widget.waitUntilReady();
  }

  // --- Connecting (the widget) ---------------------------------------------------------------

  /** The connector's auth options, as the widget lists them. */
  async authOptions(): Promise<AuthOption[]> {
    if (!this.key) throw new Error("open() the connector page first.");
    return authOptionsOf(connectorByKey(this.key));
  }

  /** Picks an auth option by its key (the radio is found by the option's title). */
  async chooseOption(optionKey: string): Promise<AuthOption> {
    const option = (await this.authOptions()).find((candidate) => candidate.key === optionKey);
    if (!option) throw new Error(`${this.key} has no auth option "${optionKey}".`);
    await this.widget.chooseOption(option.title);
    return option;
  }

  /**
   * Fills the form from one of the connector's fixtures (`validInput`, `rejectedInput`, …), each
   * value into the control labelled with its schema title. `optionKey` defaults to the only option,
   * or to the one whose form has every field of the fixture.
   */
  async fillFixture(name = "validInput", optionKey?: string): Promise<AuthOption> {
    const connector = connectorByKey(this.key ?? "");
    const values = connector.fixtures[name];
    if (!values) throw new Error(`${connector.key} has no "${name}" fixture.`);
    const options = await this.authOptions();
    const fields = Object.keys(values);
    const option =
      optionKey !== undefined
        ? options.find((candidate) => candidate.key === optionKey)
        : options.length === 1
          ? options[0]
          : options.find((candidate) => fields.every((field) => field in ((candidate.inputSchema?.properties as object | undefined) ?? {})));
    if (!option) throw new Error(`No auth option of ${connector.key} takes the "${name}" fixture.`);
    if (fields.length > 0) await this.widget.fill(values, option);
    return option;
  }

  async connect(): Promise<void> {
    await this.widget.connect();
  }

  /** Clicks connect, then plays the user in the sign-in window: approve, deny, or close it. */
  async connectThroughPopup(decision: ConsentDecision): Promise<ConsentPopup> {
    const popup = await this.widget.connectInPopup();
    await popup.waitForConsentPage();
    if (decision === "approve") await popup.approve();
    else if (decision === "deny") await popup.deny();
    else await popup.close();
    return popup;
  }

  /** Waits for the failed state and returns the error's key and text. */
  async waitForError(timeout = 20_000): Promise<{ key: string | null; text: string }> {
    await this.widget.waitForState("failed", timeout);
    return this.widget.alert();
  }

  // --- Inspector -----------------------------------------------------------------------------

  get inspector(): Locator {
    return this.page.getByTestId("inspector");
  }

  /** The widget says connected and the inspector shows the connection. */
  async waitForConnected(timeout = 20_000): Promise<void> {
    await this.widget.waitForState("connected", timeout);
    await this.inspector.waitFor({ timeout });
  }

  async authType(): Promise<string> {
    return (await this.inspector.getByTestId("auth-type").innerText()).trim();
  }

  /** The inspector's facts (Auth option, Auth type, Connection id, …) as a record. */
  async facts(): Promise<Record<string, string>> {
    return this.inspector.locator("dl.facts").evaluate((list) => {
      const facts: Record<string, string> = {};
      for (const term of Array.from(list.querySelectorAll("dt"))) facts[term.textContent ?? ""] = term.nextElementSibling?.textContent ?? "";
      return facts;
    });
  }

  async credentialsText(): Promise<string> {
    return this.inspector.getByTestId("credentials").innerText();
  }

  get sampleCallButton(): Locator {
    return this.inspector.getByRole("button", { name: /^Call / });
  }

  /** Clicks "Call <METHOD> <path>" and returns the result panel once the call finished. */
  async callSampleApi(): Promise<ActionResult> {
    return this.runAction(this.sampleCallButton);
  }

  async testConnection(): Promise<ActionResult> {
    return this.runAction(this.inspector.getByRole("button", { name: "Test", exact: true }));
  }

  private async runAction(button: Locator): Promise<ActionResult> {
    const result = this.inspector.getByTestId("action-result");
    await button.click();
    // The actions are disabled while one runs (React renders that within the click); the result
    // and the re-enabled buttons come in one render.
    await this.inspector.locator("button:disabled").first().waitFor({ state: "detached" });
    await result.waitFor();
    const text = await result.innerText();
    const ok = (await result.getAttribute("class"))?.split(" ").includes("ok") ?? false;
    return { ok, text };
  }

  get requestLogRows(): Locator {
    return this.page.getByTestId("request-log").locator("tbody tr");
  }

  // --- Same-window sign-in (popup blocked) ---------------------------------------------------

  /** Shown by the connector page after it resumed a same-window sign-in. */
  get redirectConnected(): Locator {
    return this.page.getByTestId("redirect-connected");
  }

  get redirectFailed(): Locator {
    return this.page.getByRole("alert").filter({ hasText: "Sign-in could not finish" });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true, animations: "disabled", caret: "hide" });
  }
}
