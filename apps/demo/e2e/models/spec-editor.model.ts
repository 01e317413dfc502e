/** `#/spec`: paste a connector spec, see its problems live, and connect with the widget it renders. */
import type { Locator, Page } from "playwright-core";
import { ConnectWidgetModel } from "./connect-widget.model.ts";

export class SpecEditorPage {
  readonly widget: ConnectWidgetModel;

  constructor(readonly page: Page) {
    this.widget = new ConnectWidgetModel(page, page.locator("section.panel").filter({ has: page.locator("#preview-title") }));
  }

  async open(): Promise<this> {
    await this.page.goto("/#/spec");
    await this.page.getByRole("heading", { level: 1, name: "Paste your own spec" }).waitFor();
    return this;
  }

  get editor(): Locator {
    return this.page.getByLabel("Spec (YAML)", { exact: true });
  }

  /** Replaces the whole text, as a paste would. */
  async setSpec(text: string): Promise<void> {
    await this.editor.fill(text);
  }

  async loadExample(title: string): Promise<void> {
    await this.page.getByLabel("Start from an example").selectOption({ label: title });
  }

  get status(): Locator {
    return this.page.locator("#spec-status");
  }

  async waitForValid(): Promise<void> {
    await this.status.filter({ hasText: "The spec is valid." }).waitFor();
    await this.widget.waitUntilReady();
  }

  /** Waits for the problem list and returns one line per problem ("<path> (line …): message"). */
  async issues(): Promise<string[]> {
    const list = this.page.getByTestId("spec-issues");
    await list.waitFor();
    return list.locator("li").allInnerTexts();
  }

  get fixTheSpecHint(): Locator {
    return this.page.getByText("Fix the spec to see the widget.");
  }
}
