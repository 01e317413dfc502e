import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe.ts";
import { HelpLink } from "./help-link.tsx";
import { loadMessages } from "../messages/index.ts";

describe("HelpLink", () => {
  it("opens http(s) help in a new tab, without opener or referrer, and says so to screen readers", () => {
    render(<HelpLink href="https://docs.example.com/api-keys" />);
    const link = screen.getByRole("link", { name: /^Where do I find these details\?\s*\(opens in a new tab\)$/ });
    expect(link.getAttribute("href")).toBe("https://docs.example.com/api-keys");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(link.querySelector(".pb-visually-hidden")?.textContent).toBe(" (opens in a new tab)");
  });

  it("renders nothing for anything but an absolute http(s) URL", () => {
    for (const href of [undefined, "", "javascript:alert(1)", "data:text/html,x", "/docs", "ftp://example.com/x", "not a url"]) {
      const { container, unmount } = render(<HelpLink href={href} />);
      expect(container.innerHTML).toBe("");
      unmount();
    }
  });

  it("custom text, and the hint in the reader's language (loaded first, as a server renderer would)", async () => {
    await loadMessages("de");
    render(<HelpLink href="https://docs.example.com" locale="de">Hilfe</HelpLink>);
    expect(screen.getByRole("link", { name: /^Hilfe\s*\(öffnet in einem neuen Tab\)$/ })).toBeTruthy();
  });

  it("has no axe violations", async () => {
    const { container } = render(<HelpLink href="https://docs.example.com" />);
    await expectNoAxeViolations(container);
  });
});
