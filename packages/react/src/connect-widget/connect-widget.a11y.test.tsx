/** axe-core finds no violations in any state of the widget, in both themes and in Japanese. */
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, it } from "vitest";
import { en } from "../messages/en.ts";
import { ja } from "../messages/ja.ts";
import { acmeCrm, ACME_VALID_KEYS, helpdesk, northwindBooks, pipelineCrm } from "../test-utils/connectors.ts";
import { expectNoAxeViolations } from "../test-utils/axe.ts";
import { engineFor } from "../test-utils/engines.ts";
import { createFakeBrowser } from "../test-utils/fake-popup.ts";
import type { Theme } from "../internal/ui-context.tsx";
import { ConnectWidget } from "./connect-widget.tsx";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

setupMockProviders();

describe.each<Theme>(["light", "dark"])("axe, %s theme", (theme) => {
  it("choosing an option", async () => {
    const { container } = render(<ConnectWidget engine={engineFor(pipelineCrm)} theme={theme} />);
    await screen.findByRole("radiogroup");
    await expectNoAxeViolations(container);
  });

  it("entering input (form, description, help link)", async () => {
    const { container } = render(<ConnectWidget engine={engineFor(acmeCrm)} theme={theme} />);
    await screen.findByLabelText(/API key/, { selector: "input" });
    await expectNoAxeViolations(container);
  });

  it("invalid input", async () => {
    const user = userEvent.setup();
    const { container } = render(<ConnectWidget engine={engineFor(acmeCrm)} theme={theme} />);
    await user.type(await screen.findByLabelText(/API key/, { selector: "input" }), "nope");
    await user.click(screen.getByRole("button", { name: en.connect }));
    await waitFor(() => screen.getByLabelText(/API key/, { selector: "input[aria-invalid=true]" }));
    await expectNoAxeViolations(container);
  });

  it("failed, with the error and retry", async () => {
    const user = userEvent.setup();
    const { container } = render(<ConnectWidget engine={engineFor(helpdesk)} initialInput={helpdesk.fixtures.rejectedInput} theme={theme} />);
    await user.click(await screen.findByRole("button", { name: en.connect }));
    await screen.findByRole("alert", {}, { timeout: 10_000 });
    await expectNoAxeViolations(container);
  });

  it("busy (waiting for the sign-in window)", async () => {
    const browser = createFakeBrowser({ behavior: "manual" });
    const { container } = render(<ConnectWidget engine={engineFor(northwindBooks)} popup={{ ports: browser.ports }} theme={theme} />);
    fireEvent.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await screen.findByText(en.progress.authorizing);
    await expectNoAxeViolations(container);
  });

  it("popup blocked", async () => {
    const browser = createFakeBrowser();
    browser.block = true;
    const { container } = render(<ConnectWidget engine={engineFor(northwindBooks)} popup={{ ports: browser.ports }} theme={theme} />);
    fireEvent.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await screen.findByRole("button", { name: en.continueInThisWindow });
    await expectNoAxeViolations(container);
  });

  it("cancelled", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser({ behavior: "manual" });
    const { container } = render(<ConnectWidget engine={engineFor(northwindBooks)} popup={{ ports: browser.ports }} theme={theme} />);
    fireEvent.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await user.click(await screen.findByRole("button", { name: en.cancel }));
    await screen.findByText(en.cancelledTitle);
    await expectNoAxeViolations(container);
  });

  it("connected", async () => {
    const user = userEvent.setup();
    const { container } = render(<ConnectWidget engine={engineFor(acmeCrm)} initialInput={{ apiKey: ACME_VALID_KEYS[0] }} theme={theme} />);
    await user.click(await screen.findByRole("button", { name: en.connect }));
    await screen.findByRole("region", { name: en.connectedTitle });
    await expectNoAxeViolations(container);
  });
});

describe("axe, Japanese", () => {
  it("entering input in Japanese", async () => {
    const { container } = render(<ConnectWidget engine={engineFor(pipelineCrm)} locale="ja" theme="auto" initialOptionKey="apiKey" />);
    await screen.findByRole("button", { name: ja.connect });
    await expectNoAxeViolations(container);
  });
});

describe("the axe helper", () => {
  it("does catch violations (guards against a silently empty run)", async () => {
    const { container } = render(
      <div>
        <button type="button" />
      </div>,
    );
    await expectNoAxeViolations(container).then(
      () => {
        throw new Error("expected a violation");
      },
      (error: Error) => {
        if (!String(error.message).includes("button-name")) throw error;
      },
    );
  });
});
