/** The `window.open` features string: a sized popup centred over the opener, clamped to the screen (rule 10: never noopener). */
import type { ScreenRect } from "./ports.ts";

export const DEFAULT_POPUP_WIDTH = 600;
export const DEFAULT_POPUP_HEIGHT = 720;

export interface PopupGeometry {
  width: number;
  height: number;
  left: number;
  top: number;
}

export function popupGeometry(rect: ScreenRect, size: { width?: number; height?: number } = {}): PopupGeometry {
  const availLeft = finite(rect.availLeft, finite(rect.left, 0));
  const availTop = finite(rect.availTop, finite(rect.top, 0));
  const availWidth = finite(rect.availWidth, finite(rect.width, Infinity));
  const availHeight = finite(rect.availHeight, finite(rect.height, Infinity));
  const width = Math.round(clamp(finite(size.width, DEFAULT_POPUP_WIDTH), 1, availWidth));
  const height = Math.round(clamp(finite(size.height, DEFAULT_POPUP_HEIGHT), 1, availHeight));
  // Centre over the opener, then keep the whole popup on the usable screen.
  const centredLeft = finite(rect.left, availLeft) + (finite(rect.width, width) - width) / 2;
  const centredTop = finite(rect.top, availTop) + (finite(rect.height, height) - height) / 2;
  const left = Math.round(clamp(centredLeft, availLeft, availLeft + availWidth - width));
  const top = Math.round(clamp(centredTop, availTop, availTop + availHeight - height));
  return { width, height, left, top };
}

/** `popup=yes,width=…,height=…,left=…,top=…`. Deliberately without noopener/noreferrer: Safari then returns null (Nango #302). */
export function popupFeatures(geometry: PopupGeometry): string {
  return `popup=yes,width=${geometry.width},height=${geometry.height},left=${geometry.left},top=${geometry.top}`;
}

function finite(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}
