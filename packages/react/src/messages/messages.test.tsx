import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ErrorKey } from "@plugboard/auth-core";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { acmeCrm, helpdesk, pipelineCrm } from "../test-utils/connectors.ts";
import { engineFor } from "../test-utils/engines.ts";
import { en } from "./en.ts";
import { messagesByLocale } from "./catalog.ts";
import { getMessages, loadMessages, mergeMessages, shippedLocaleFor, SHIPPED_LOCALES } from "./index.ts";
import { ja } from "./ja.ts";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

function leaves(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("shipped messages", () => {
  it("ships en, de, fr, es and ja", () => {
    expect(SHIPPED_LOCALES).toEqual(["en", "de", "fr", "es", "ja"]);
  });

  it.each(SHIPPED_LOCALES)("%s has a human message for every ErrorKey of auth-core", (locale) => {
    const messages = messagesByLocale[locale];
    for (const key of Object.values(ErrorKey)) {
      expect(messages.errors[key], `${locale}: ${key}`).toMatch(/\S{2,}/);
    }
    expect(Object.keys(messages.errors).sort()).toEqual(Object.values(ErrorKey).sort());
  });

  it.each(SHIPPED_LOCALES.filter((locale) => locale !== "en"))("%s translates every English string (same keys, same placeholders, not English)", (locale) => {
    const english = new Map(leaves(en));
    const translated = new Map(leaves(messagesByLocale[locale]));
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, text] of translated) {
      expect(text.trim(), `${locale}.${path}`).not.toBe("");
      expect(placeholders(text), `${locale}.${path}`).toEqual(placeholders(english.get(path)!));
      expect(text, `${locale}.${path} is still English`).not.toBe(english.get(path));
    }
  });

  it("error messages say what to do next (every English one ends with an instruction or a reassurance)", () => {
    for (const [key, text] of Object.entries(en.errors)) {
      expect(text.split(". ").length, key).toBeGreaterThanOrEqual(2);
    }
  });

  it("matches tags case-insensitively, falls back to the language, then English", () => {
    expect(shippedLocaleFor("ja-JP")).toBe("ja");
    expect(shippedLocaleFor("DE")).toBe("de");
    expect(shippedLocaleFor("es_MX")).toBe("es");
    expect(shippedLocaleFor("pt-BR")).toBe("en");
    expect(shippedLocaleFor()).toBe("en");
  });

  it("loads a language on demand, once; English is always there", async () => {
    expect(getMessages()).toBe(en);
    expect(getMessages("pt-BR")).toBe(en);
    const first = loadMessages("ja-JP");
    expect(loadMessages("ja")).toBe(first);
    await expect(first).resolves.toEqual(ja);
    expect(getMessages("JA")).toEqual(ja);
    expect(await loadMessages("de-AT")).toEqual(messagesByLocale.de);
  });

  it("mergeMessages overrides single keys, nested groups key by key", () => {
    const merged = mergeMessages(en, { connect: "Link account", errors: { test_failed: "Nope." }, progress: { testing: "Pinging…" } });
    expect(merged.connect).toBe("Link account");
    expect(merged.errors.test_failed).toBe("Nope.");
    expect(merged.errors.access_denied).toBe(en.errors.access_denied);
    expect(merged.progress).toEqual({ ...en.progress, testing: "Pinging…" });
    expect(merged.parameterForm).toEqual(en.parameterForm);
  });
});

describe("messages in the widget", () => {
  setupMockProviders();

  it('locale="ja" shows Japanese labels, including the form\'s own messages', async () => {
    const user = userEvent.setup();
    render(<ConnectWidget engine={engineFor(pipelineCrm)} locale="ja" />);
    expect(await screen.findByRole("radiogroup", { name: ja.optionPickerLabel })).toBeTruthy();
    await user.click(screen.getByRole("radio", { name: /API token/ }));
    const connect = await screen.findByRole("button", { name: ja.connect });
    await user.click(connect);
    // The empty required field, in Japanese.
    await waitFor(() => expect(document.body.textContent).toContain("API tokenは必須です"));
    expect(screen.getByRole("region").getAttribute("lang")).toBe("ja");
    expect(screen.getByRole("button", { name: /API tokenを表示/ })).toBeTruthy();
  });

  it("shows the error message in German", async () => {
    const user = userEvent.setup();
    render(<ConnectWidget engine={engineFor(helpdesk)} initialInput={helpdesk.fixtures.rejectedInput} locale="de-AT" />);
    await user.click(await screen.findByRole("button", { name: "Verbinden" }));
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert.textContent).toContain(messagesByLocale.de.errors.test_failed);
    expect(screen.getByRole("button", { name: "Erneut versuchen" })).toBeTruthy();
  });

  it("the messages prop overrides any string", async () => {
    render(<ConnectWidget engine={engineFor(acmeCrm)} messages={{ connect: "Link Acme", helpLink: "Help", parameterForm: { showSecret: "Reveal {field}" } }} />);
    expect(await screen.findByRole("button", { name: "Link Acme" })).toBeTruthy();
    expect(screen.getByRole("link", { name: /^Help/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reveal API key" })).toBeTruthy();
  });
});
