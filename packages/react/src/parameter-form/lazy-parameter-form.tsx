"use client";
/**
 * LazyParameterForm: the same props as ParameterForm, but RJSF and the templates load on first
 * render (a separate chunk), so connectors without input fields never download them. This module
 * must not import `@rjsf/*` statically (checked by a test).
 */
import { lazy, Suspense } from "react";
import type { ReactNode } from "react";
import { classNamesFor } from "./form-ui.ts";
import { defaultParameterFormMessages } from "./messages.ts";
import { countInputFields } from "./schema-walk.ts";
import type { ParameterFormProps } from "./types.ts";

const ParameterForm = lazy(() => import("./parameter-form.tsx").then((module) => ({ default: module.ParameterForm })));

/** Starts loading the form's code early (e.g. when an option with input fields is hovered). */
export function preloadParameterForm(): Promise<unknown> {
  return import("./parameter-form.tsx");
}

export interface LazyParameterFormProps extends ParameterFormProps {
  /** Shown while the form's code loads; default: a skeleton with one row per field. */
  fallback?: ReactNode;
}

export function LazyParameterForm({ fallback, ...props }: LazyParameterFormProps) {
  return (
    <Suspense fallback={fallback ?? <ParameterFormSkeleton {...props} />}>
      <ParameterForm {...props} />
    </Suspense>
  );
}

/** Placeholder rows with `aria-busy`, announced as loading. */
export function ParameterFormSkeleton({ schema, messages, unstyled = false, classNames, className }: ParameterFormProps) {
  const cls = classNamesFor(unstyled, classNames);
  const rows = Math.max(1, countInputFields(schema));
  return (
    <div className={cls("root", className)} role="status" aria-busy="true" data-state="loading">
      <span className={unstyled ? undefined : "pb-visually-hidden"}>{messages?.loading ?? defaultParameterFormMessages.loading}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className={unstyled ? undefined : "pb-parameter-form__skeleton"} aria-hidden="true" />
      ))}
    </div>
  );
}
