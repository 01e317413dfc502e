/** `#/`: the example connectors grouped by auth type, each card linking to its connector page. */
import type { Locator, Page } from "playwright-core";
import type { Runtime } from "../support/connectors.ts";
import { ConnectorPage } from "./connector.model.ts";

export class GalleryPage {
  constructor(readonly page: Page) {}

  async open(runtime?: Runtime): Promise<this> {
    await this.page.goto(runtime ? `/?runtime=${runtime}#/` : "/#/");
    await this.page.getByRole("heading", { level: 1, name: "Example connectors" }).waitFor();
    return this;
  }

  get connectorLinks(): Locator {
    return this.page.locator('main a[data-testid^="connector-"]');
  }

  async connectorKeys(): Promise<string[]> {
    const ids = await this.connectorLinks.evaluateAll((links) => links.map((link) => link.getAttribute("data-testid") ?? ""));
    return ids.map((id) => id.replace(/^connector-/, ""));
  }

  /** Group headings ("OAuth 2.0", "Auth proxy", …). */
  async groupTitles(): Promise<string[]> {
    return this.page.locator("main section h2").allInnerTexts();
  }

  /** The auth-type badges on a connector's card. */
  async badgesOf(key: string): Promise<string[]> {
    return this.page.locator("li.card").filter({ has: this.page.getByTestId(`connector-${key}`) }).locator(".badge").allInnerTexts();
  }

  async openConnector(key: string): Promise<ConnectorPage> {
    await this.page.getByTestId(`connector-${key}`).click();
    const connectorPage = new ConnectorPage(this.page);
    await connectorPage.waitForLoaded();
    return connectorPage;
  }
}
