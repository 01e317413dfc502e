/**
 * The sign-in window the widget opens: a mock provider's consent page (Approve / Deny links,
 * served by the demo under /mock/<host>/), or oidc-provider's own login and consent forms.
 */
import type { Page } from "playwright-core";

export class ConsentPopup {
  constructor(readonly page: Page) {}

  get closed(): boolean {
    return this.page.isClosed();
  }

  /** Waits for the mock provider's consent page (its Approve link). */
  async waitForConsentPage(): Promise<void> {
    await this.page.getByRole("link", { name: "Approve", exact: true }).waitFor();
  }

  async heading(): Promise<string> {
    return this.page.getByRole("heading", { level: 1 }).innerText();
  }

  /** The user approves; the callback page hands the response to the opener and the window closes. */
  async approve(): Promise<void> {
    await this.waitForConsentPage();
    await this.page.getByRole("link", { name: "Approve", exact: true }).click();
    await this.waitForClose();
  }

  /** The user denies; the provider redirects back with error=access_denied and the window closes. */
  async deny(): Promise<void> {
    await this.waitForConsentPage();
    await this.page.getByRole("link", { name: "Deny", exact: true }).click();
    await this.waitForClose();
  }

  /** The user closes the window (the opener sees `closed` become true). */
  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }

  async waitForClose(timeout = 15_000): Promise<void> {
    if (this.page.isClosed()) return;
    await this.page.waitForEvent("close", { timeout });
  }

  // --- oidc-provider's devInteractions pages -------------------------------------------------

  /** oidc-provider's login form: any login and password are accepted. */
  async signInToOidcProvider(login = "alice", password = "any-password"): Promise<void> {
    const form = this.page.locator("form").filter({ has: this.page.locator('input[name="login"]') });
    await form.locator('input[name="login"]').fill(login);
    await form.locator('input[name="password"]').fill(password);
    await form.getByRole("button", { name: "Sign-in" }).click();
  }

  /** oidc-provider's consent page ("Continue"); then it redirects to the demo's callback page. */
  async consentAtOidcProvider(): Promise<void> {
    await this.page.getByRole("button", { name: "Continue" }).click();
  }
}
