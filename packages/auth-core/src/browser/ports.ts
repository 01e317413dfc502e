/**
 * Browser capabilities behind one injectable object (DESIGN §2, §7). Nothing here runs at import
 * time: `browserPorts()` returns functions that read `window` only when they are called, so SSR can
 * import this entry in Node.
 */

/** The part of a popup window handle Plugboard uses. A COOP-cut handle reports `closed: true` (rule 13). */
export interface WindowLike {
  closed: boolean;
  location: { href: string; replace?(url: string): void };
  close(): void;
  focus?(): void;
}

/** Where to centre the popup: the opener window's outer rect, plus the usable screen area when known. */
export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Usable screen area (`screen.avail*`); the popup is clamped to it. Without it, to the rect above. */
  availLeft?: number;
  availTop?: number;
  availWidth?: number;
  availHeight?: number;
}

export interface CallbackChannel {
  postMessage(data: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export interface MessageEventLike {
  origin: string;
  data: unknown;
  source: unknown;
}

export interface BrowserPorts {
  /** Default: `window.open`. */
  open(url: string, target: string, features: string): WindowLike | null;
  /** Default: `window.location.origin`. */
  origin(): string;
  /** Default: the opener's `screenX/screenY/outerWidth/outerHeight` and `screen.avail*`. */
  screen(): ScreenRect;
  /** Default: a `message` listener on `window`; returns the remover. */
  addMessageListener(listener: (event: MessageEventLike) => void): () => void;
  /** Default: a `BroadcastChannel` when the browser has one (rule 14), else `undefined`. */
  openChannel?(name: string): CallbackChannel | undefined;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

/** The real browser ports. Safe to call anywhere; each function touches globals only when invoked. */
export function browserPorts(): BrowserPorts {
  return {
    open: (url, target, features) => window.open(url, target, features),
    origin: () => window.location.origin,
    screen: () => {
      const avail = window.screen as Screen & { availLeft?: number; availTop?: number };
      return {
        left: window.screenX ?? window.screenLeft ?? 0,
        top: window.screenY ?? window.screenTop ?? 0,
        width: window.outerWidth,
        height: window.outerHeight,
        availLeft: avail.availLeft ?? 0,
        availTop: avail.availTop ?? 0,
        availWidth: avail.availWidth,
        availHeight: avail.availHeight,
      };
    },
    addMessageListener: (listener) => {
      const handler = (event: MessageEvent): void => listener({ origin: event.origin, data: event.data, source: event.source });
      window.addEventListener("message", handler);
      return () => window.removeEventListener("message", handler);
    },
    openChannel: (name) => {
      if (typeof BroadcastChannel !== "function") return undefined;
      let channel: BroadcastChannel;
      try {
        channel = new BroadcastChannel(name);
      } catch {
        return undefined; // e.g. opaque origins
      }
      return {
        postMessage: (data) => channel.postMessage(data),
        addEventListener: (type, listener) => channel.addEventListener(type, (event) => listener({ data: event.data })),
        close: () => channel.close(),
      };
    },
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof globalThis.setTimeout>),
    setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
    clearInterval: (id) => globalThis.clearInterval(id as ReturnType<typeof globalThis.setInterval>),
  };
}
