import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Connection } from "@plugboard/auth-core";
import { expectNoAxeViolations } from "../test-utils/axe.ts";
import { ConnectionStatus } from "./connection-status.tsx";

const connection: Connection = {
  authOptionKey: "apiKey",
  authType: "client-credentials",
  credentials: { apiKey: "acme_live12345678", region: "eu" },
  input: { apiKey: "acme_live12345678", region: "eu" },
  connectedAt: "2026-11-29T10:15:00.000Z",
};

describe("ConnectionStatus", () => {
  it("names the option, the time and the stored credential keys, never their values", () => {
    const { container } = render(<ConnectionStatus connection={connection} options={[{ key: "apiKey", type: "client-credentials", title: "API key" }]} />);
    expect(screen.getByRole("region", { name: "Connected" })).toBeTruthy();
    expect(screen.getByText("API key")).toBeTruthy();
    expect(container.querySelector("time")?.getAttribute("dateTime")).toBe(connection.connectedAt);
    expect(container.textContent).toContain("apiKey");
    expect(container.textContent).toContain("region");
    expect(container.textContent).not.toContain("acme_live12345678");
    expect(container.textContent).not.toMatch(/\beu\b/);
  });

  it("formats the time in the reader's language (its messages load on demand)", async () => {
    const { container } = render(<ConnectionStatus connection={connection} locale="de" optionTitle="API-Schlüssel" />);
    expect(await screen.findByRole("region", { name: "Verbunden" })).toBeTruthy();
    expect(container.querySelector("time")?.textContent).toMatch(/2026/);
    expect(container.querySelector("time")?.textContent).toMatch(/29\.11\.2026|29\. Nov/);
  });

  it("has no axe violations", async () => {
    const { container } = render(<ConnectionStatus connection={connection} />);
    await expectNoAxeViolations(container);
  });
});
