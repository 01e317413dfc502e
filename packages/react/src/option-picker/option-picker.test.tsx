import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { AuthOption } from "@plugboard/auth-core";
import { expectNoAxeViolations } from "../test-utils/axe.ts";
import { OptionPicker } from "./option-picker.tsx";

const options: AuthOption[] = [
  { key: "apiKey", type: "client-credentials", title: "API token", description: "Paste a **personal** token from [settings](https://example.com/settings)." },
  { key: "oauth", type: "oauth2", title: "Sign in", description: "No token to copy.", requiresAuthorization: true },
  { key: "basic", type: "client-credentials", title: "Username and password" },
];

describe("OptionPicker", () => {
  it("is a labelled radio group; each option has its title as name and its description as description", () => {
    render(<OptionPicker options={options} />);
    const group = screen.getByRole("radiogroup", { name: "Choose how to connect" });
    expect(group).toBeTruthy();
    const radio = screen.getByRole("radio", { name: "API token" });
    const description = document.getElementById(radio.getAttribute("aria-describedby")!);
    expect(description?.textContent).toBe("Paste a personal token from settings.");
    expect(description?.querySelector("strong")?.textContent).toBe("personal");
    // Inside a label the link would steal the click: the picker shows link text only.
    expect(group.querySelector("a")).toBeNull();
    expect(screen.getByRole("radio", { name: "Username and password" }).getAttribute("aria-describedby")).toBeNull();
  });

  it("uncontrolled: defaultValue, then clicks and arrow keys move the selection and report it", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<OptionPicker options={options} defaultValue="oauth" onValueChange={onValueChange} />);
    expect((screen.getByRole("radio", { name: "Sign in" }) as HTMLInputElement).checked).toBe(true);

    await user.click(screen.getByRole("radio", { name: "API token" }));
    expect(onValueChange).toHaveBeenLastCalledWith({ value: "apiKey", option: options[0] });
    expect((screen.getByRole("radio", { name: "API token" }) as HTMLInputElement).checked).toBe(true);

    await user.keyboard("{ArrowDown}");
    expect(onValueChange).toHaveBeenLastCalledWith({ value: "oauth", option: options[1] });
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(onValueChange).toHaveBeenLastCalledWith({ value: "apiKey", option: options[0] }); // wraps around
    expect(document.activeElement).toBe(screen.getByRole("radio", { name: "API token" }));
  });

  it("controlled: shows `value` and only changes when the owner updates it", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    const { rerender } = render(<OptionPicker options={options} value="apiKey" onValueChange={onValueChange} />);
    await user.click(screen.getByRole("radio", { name: "Sign in" }));
    expect(onValueChange).toHaveBeenCalledWith({ value: "oauth", option: options[1] });
    expect((screen.getByRole("radio", { name: "API token" }) as HTMLInputElement).checked).toBe(true);
    rerender(<OptionPicker options={options} value="oauth" onValueChange={onValueChange} />);
    expect((screen.getByRole("radio", { name: "Sign in" }) as HTMLInputElement).checked).toBe(true);
    rerender(<OptionPicker options={options} value={null} onValueChange={onValueChange} />);
    expect(screen.getAllByRole("radio").some((radio) => (radio as HTMLInputElement).checked)).toBe(false);
  });

  it("controlled by a parent's state", async () => {
    const user = userEvent.setup();
    function Parent() {
      const [value, setValue] = useState<string | null>(null);
      return (
        <>
          <OptionPicker options={options} value={value} onValueChange={(details) => setValue(details.value)} />
          <output>{value ?? "none"}</output>
        </>
      );
    }
    render(<Parent />);
    expect(screen.getByRole("status").textContent).toBe("none");
    await user.click(screen.getByRole("radio", { name: "Username and password" }));
    expect(screen.getByRole("status").textContent).toBe("basic");
  });

  it("warns in development when switching from uncontrolled to controlled", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { rerender } = render(<OptionPicker options={options} />);
    rerender(<OptionPicker options={options} value="apiKey" />);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("OptionPicker switched from uncontrolled to controlled"));
    warn.mockRestore();
  });

  it("disabled: no selection changes", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<OptionPicker options={options} disabled onValueChange={onValueChange} />);
    await user.click(screen.getByRole("radio", { name: "Sign in" }));
    expect(onValueChange).not.toHaveBeenCalled();
  });

  it("class names: pb-* classes and slots; unstyled keeps only the slots", () => {
    const { container, rerender } = render(<OptionPicker options={options} classNames={{ root: "my-root", option: "my-option" }} />);
    const root = container.firstElementChild!;
    expect(root.className).toBe("pb-option-picker pb-scope my-root");
    expect(root.getAttribute("data-theme")).toBe("light");
    expect(container.querySelector("label")!.className).toBe("pb-option my-option");
    rerender(<OptionPicker options={options} unstyled classNames={{ root: "my-root", option: "my-option" }} />);
    expect(container.firstElementChild!.className).toBe("my-root");
    expect(container.querySelector("label")!.className).toBe("my-option");
    expect(container.innerHTML).not.toMatch(/class="pb-/);
  });

  it("has no axe violations", async () => {
    const { container } = render(<OptionPicker options={options} defaultValue="apiKey" />);
    await expectNoAxeViolations(container);
  });
});
