import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe.ts";
import { AuthDescription } from "./auth-description.tsx";
import { parseMarkdown } from "./markdown.ts";

describe("parseMarkdown: the safe subset", () => {
  it("paragraphs, lists, bold, em, code and links", () => {
    expect(parseMarkdown("Create a key in **Settings** → *API*.\nKeys start with `acme_`.\n\n- one\n- [two](https://example.com/two)\n\n1. first\n2. second")).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "text", text: "Create a key in " },
          { type: "strong", children: [{ type: "text", text: "Settings" }] },
          { type: "text", text: " → " },
          { type: "em", children: [{ type: "text", text: "API" }] },
          { type: "text", text: ". Keys start with " },
          { type: "code", text: "acme_" },
          { type: "text", text: "." },
        ],
      },
      {
        type: "list",
        ordered: false,
        items: [[{ type: "text", text: "one" }], [{ type: "link", href: "https://example.com/two", children: [{ type: "text", text: "two" }] }]],
      },
      { type: "list", ordered: true, items: [[{ type: "text", text: "first" }], [{ type: "text", text: "second" }]] },
    ]);
  });

  it("keeps snake_case, lone asterisks and unclosed markers as text", () => {
    expect(parseMarkdown("use client_id and 2 * 3 and **open")).toEqual([{ type: "paragraph", children: [{ type: "text", text: "use client_id and 2 * 3 and **open" }] }]);
  });

  it("backslash escapes", () => {
    expect(parseMarkdown("\\*not em\\*")).toEqual([{ type: "paragraph", children: [{ type: "text", text: "*not em*" }] }]);
  });

  it("links that are not http(s) keep their text and lose the link", () => {
    for (const url of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "/relative", "//evil.example", "mailto:a@b.c"]) {
      expect(parseMarkdown(`[click](${url})`)).toEqual([{ type: "paragraph", children: [{ type: "text", text: "click" }] }]);
    }
  });
});

describe("AuthDescription", () => {
  it("renders the subset as elements", () => {
    const { container } = render(<AuthDescription text={"Find it under **API access**.\n\n- Copy the `App ID`\n- Paste it below"} />);
    expect(container.querySelector("strong")?.textContent).toBe("API access");
    expect(container.querySelectorAll("li")).toHaveLength(2);
    expect(container.querySelector("code")?.textContent).toBe("App ID");
    expect(container.firstElementChild!.className).toBe("pb-auth-description pb-scope");
  });

  it("escapes raw HTML instead of rendering it", () => {
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>';
    const { container } = render(<AuthDescription text={html} />);
    expect(container.querySelector("img, script, a")).toBeNull();
    expect(container.textContent).toBe(html);
  });

  it("drops javascript: links and opens http(s) links in a new tab without an opener", () => {
    const { container } = render(<AuthDescription text="[bad](javascript:alert(1)) and [docs](https://docs.example.com/auth)" />);
    const links = container.querySelectorAll("a");
    expect(links).toHaveLength(1);
    const link = screen.getByRole("link", { name: /^docs\s*\(opens in a new tab\)$/ });
    expect(link.getAttribute("href")).toBe("https://docs.example.com/auth");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(container.textContent).toContain("bad and");
  });

  it("renders nothing for an empty description", () => {
    const { container } = render(<AuthDescription text={"  \n "} />);
    expect(container.innerHTML).toBe("");
  });

  it("has no axe violations", async () => {
    const { container } = render(<AuthDescription text={"Paragraph with [a link](https://example.com).\n\n- a\n- b"} />);
    await expectNoAxeViolations(container);
  });
});
