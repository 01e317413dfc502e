/**
 * A fresh fake sign-in window for every render of an OAuth story: the meta's loader creates it
 * from the story's `parameters.fakePopup`, the render passes its ports to the widget, and the play
 * function reads it from `loaded` (e.g. to check where the window was sent).
 */
import { createFakePopup } from "./fake-popup.ts";
import type { FakePopup, FakePopupOptions } from "./fake-popup.ts";

export function fakePopupLoader(context: { parameters: Record<string, unknown> }): { popup: FakePopup } {
  return { popup: createFakePopup((context.parameters.fakePopup as FakePopupOptions | undefined) ?? {}) };
}

export function loadedPopup(context: { loaded: Record<string, unknown> }): FakePopup {
  const popup = context.loaded.popup as FakePopup | undefined;
  if (!popup) throw new Error("This story needs `loaders: [fakePopupLoader]`.");
  return popup;
}
