"use client";
import { useId, useMemo } from "react";
import type { ReactNode } from "react";
import type { AuthOption } from "@plugboard/auth-core";
import { parseMarkdown } from "../auth-description/markdown.ts";
import type { MarkdownInline } from "../auth-description/markdown.ts";
import { renderInline } from "../auth-description/render-markdown.tsx";
import type { ClassNames } from "../internal/class-names.ts";
import { cx, slot } from "../internal/class-names.ts";
import { rootProps, useUi } from "../internal/ui-context.tsx";
import type { UiProps } from "../internal/ui-context.tsx";
import { useControllableState } from "../internal/use-controllable-state.ts";

export type OptionPickerSlot = "root" | "label" | "list" | "option" | "input" | "title" | "description";

export interface OptionPickerValueChangeDetails {
  value: string;
  option: AuthOption;
}

export interface OptionPickerProps extends UiProps {
  options: readonly AuthOption[];
  /** Controlled selection (an option key; `null` for none). */
  value?: string | null;
  /** Uncontrolled initial selection. */
  defaultValue?: string;
  onValueChange?: (details: OptionPickerValueChangeDetails) => void;
  disabled?: boolean;
  /** Group label; default `messages.optionPickerLabel`. */
  label?: ReactNode;
  /** Radio group name; default a generated id. */
  name?: string;
  id?: string;
  className?: string;
  classNames?: ClassNames<OptionPickerSlot>;
}

/**
 * The auth options as an accessible radio group: native radios (Tab into the group, arrow keys to
 * move and select, Space to select), each with its title and its description.
 */
export function OptionPicker(props: OptionPickerProps) {
  const ui = useUi(props);
  const generatedId = useId();
  const baseId = props.id ?? `pb-options-${generatedId.replace(/:/g, "")}`;
  const name = props.name ?? baseId;
  const [value, setValue] = useControllableState<string | null>({
    value: props.value,
    defaultValue: props.defaultValue ?? null,
    component: "OptionPicker",
  });
  const classNames = props.classNames ?? {};
  const labelId = `${baseId}-label`;

  const select = (option: AuthOption): void => {
    setValue(option.key);
    props.onValueChange?.({ value: option.key, option });
  };

  return (
    <fieldset
      id={baseId}
      role="radiogroup"
      aria-labelledby={labelId}
      disabled={props.disabled}
      {...rootProps(ui, "pb-option-picker", cx(props.className, classNames.root))}
    >
      <legend id={labelId} className={slot(ui.unstyled, "pb-option-picker-label", classNames.label)}>
        {props.label ?? ui.messages.optionPickerLabel}
      </legend>
      <div className={slot(ui.unstyled, "pb-option-list", classNames.list)}>
        {props.options.map((option, index) => {
          const checked = value === option.key;
          const titleId = `${baseId}-title-${index}`;
          const descriptionId = option.description ? `${baseId}-description-${index}` : undefined;
          return (
            <label
              key={option.key}
              className={slot(ui.unstyled, "pb-option", classNames.option)}
              data-state={checked ? "checked" : "unchecked"}
              data-disabled={props.disabled ? "" : undefined}
            >
              <input
                type="radio"
                className={slot(ui.unstyled, "pb-option-input", classNames.input)}
                name={name}
                value={option.key}
                checked={checked}
                onChange={() => select(option)}
                // Named by the title alone; the description is read as its description, not twice.
                aria-labelledby={titleId}
                aria-describedby={descriptionId}
              />
              <span className={ui.unstyled ? undefined : "pb-option-text"}>
                <span id={titleId} className={slot(ui.unstyled, "pb-option-title", classNames.title)}>
                  {option.title}
                </span>
                {option.description ? (
                  <OptionSummary id={descriptionId!} text={option.description} className={slot(ui.unstyled, "pb-option-description", classNames.description)} unstyled={ui.unstyled} />
                ) : null}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A description flattened to one run of inline text (links shown as text: the whole card is a label). */
function OptionSummary(props: { id: string; text: string; className: string | undefined; unstyled: boolean }) {
  const nodes = useMemo(() => {
    const flat: MarkdownInline[] = [];
    for (const block of parseMarkdown(props.text)) {
      const runs = block.type === "paragraph" ? [block.children] : block.items;
      for (const run of runs) {
        if (flat.length > 0) flat.push({ type: "text", text: " " });
        flat.push(...run);
      }
    }
    return flat;
  }, [props.text]);
  return (
    <span id={props.id} className={props.className}>
      {renderInline(nodes, { links: false, opensInNewTab: "", unstyled: props.unstyled })}
    </span>
  );
}
