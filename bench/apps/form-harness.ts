/**
 * In-page measurement for the form bench. A keystroke is keydown + the value change + `input` +
 * keyup, dispatched on the target input (React listens to `input`); "DOM updated" is when React has
 * committed everything the keystroke caused: macrotasks are awaited until one passes without a DOM
 * mutation in the form, then layout is forced. Times come from performance.now() in the page, so
 * no CDP round trip is measured.
 */
declare global {
  interface Window {
    benchReady?: boolean;
    benchTarget?: string;
    benchType?: (count: number) => Promise<number[]>;
  }
}

const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

export function installHarness(root: HTMLElement, targetSelector: string): void {
  window.benchTarget = targetSelector;
  let mutated = false;
  const observer = new MutationObserver(() => {
    mutated = true;
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  let typed = 0;

  window.benchType = async (count: number) => {
    const durations: number[] = [];
    for (let keystroke = 0; keystroke < count; keystroke += 1) {
      const input = root.querySelector<HTMLInputElement>(targetSelector);
      if (!input) throw new Error(`No input ${targetSelector}`);
      // Type up to 24 characters, then delete back to one: insertions and deletions both count.
      const deleting = Math.floor(typed / 23) % 2 === 1;
      const key = deleting ? "Backspace" : LETTERS[typed % LETTERS.length]!;
      const next = deleting ? input.value.slice(0, -1) : input.value + key;
      typed += 1;
      await nextTask();
      mutated = false;
      const start = performance.now();
      input.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
      setValue.call(input, next);
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: deleting ? "deleteContentBackward" : "insertText", data: deleting ? null : key }));
      input.dispatchEvent(new KeyboardEvent("keyup", { key, bubbles: true }));
      do {
        mutated = false;
        await nextTask();
      } while (mutated);
      void document.body.getBoundingClientRect(); // style + layout of the updated DOM
      durations.push(performance.now() - start);
      if (input.value !== next) throw new Error(`The input shows "${input.value}", expected "${next}"`);
    }
    return durations;
  };
  window.benchReady = true;
}
