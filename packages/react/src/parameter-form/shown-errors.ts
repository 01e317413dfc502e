"use client";
/**
 * How the problems ParameterForm shows reach its templates: through a small store each field
 * template subscribes to, not through RJSF's `extraErrors`. New `extraErrors` make RJSF re-derive
 * its whole state and compare every field again; with the store, a change re-renders only the
 * fields whose first problem changed.
 */
import { createContext, useContext, useEffect, useSyncExternalStore } from "react";
import type { RefObject } from "react";
import type { ErrorSchema } from "@rjsf/utils";
import { getAtPointer } from "./schema-info.ts";
import type { ParameterFormValue } from "./types.ts";

type Errors = ErrorSchema<ParameterFormValue>;

export class ShownErrors {
  #errors: Errors;
  #focusRequest = 0;
  readonly #listeners = new Set<() => void>();

  constructor(errors: Errors = {}) {
    this.#errors = errors;
  }

  /**
   * Publishes what is shown now (ParameterForm calls this after committing). A new `focusRequest`
   * asks FocusFirstProblem to move focus, which it does once the fields show these problems.
   */
  publish(errors: Errors, focusRequest: number): void {
    if (errors === this.#errors && focusRequest === this.#focusRequest) return;
    this.#errors = errors;
    this.#focusRequest = focusRequest;
    for (const listener of this.#listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** The first problem shown at `path` (RJSF's `fieldPathId.path`). */
  firstAt(path: readonly (string | number)[]): string | undefined {
    // An error schema's `__errors` are lists of messages.
    return (getAtPointer(this.#errors, [...path.map(String), "__errors"]) as string[] | undefined)?.[0];
  }

  getFocusRequest = (): number => this.#focusRequest;
}

export const ShownErrorsContext = createContext(new ShownErrors());

/** The first problem shown for the field at `path`; re-renders only when that message changes. */
export function useShownError(path: readonly (string | number)[]): string | undefined {
  const store = useContext(ShownErrorsContext);
  const read = () => store.firstAt(path);
  return useSyncExternalStore(store.subscribe, read, read);
}

/** The problem shown for the field being rendered (set by FieldTemplate), for its control's ARIA state. */
export const FieldErrorContext = createContext<string | undefined>(undefined);

export function useFieldError(): string | undefined {
  return useContext(FieldErrorContext);
}

/**
 * On each new focus request, focuses the first invalid control (or form-level problem) in page
 * order. It re-renders together with the fields whose problems the request published, so its
 * effect runs once they are in the DOM.
 */
export function FocusFirstProblem({ container }: { container: RefObject<HTMLElement | null> }) {
  const store = useContext(ShownErrorsContext);
  const request = useSyncExternalStore(store.subscribe, store.getFocusRequest, store.getFocusRequest);
  useEffect(() => {
    if (request === 0) return;
    container.current?.querySelector<HTMLElement>('[data-pb-form-error], [aria-invalid="true"]')?.focus();
  }, [request, container]);
  return null;
}
