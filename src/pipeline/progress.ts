// A one-line progress bar for long comparisons, drawn on an interactive stderr only.

/** Draws progress; `done()` clears the line. */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

/** Width of the bar in characters. */
const WIDTH = 30;

/** A progress bar writing to `write` when `tty` is true; silent otherwise, so logs and pipes stay clean. */
export function createProgress(write: (text: string) => void, tty: boolean, label = "Comparing"): Progress {
  if (!tty) return { update: () => {}, done: () => {} };
  let shown = -1;
  let drawn = false;
  return {
    update(done, total) {
      // Redraw only when the bar visibly moves, so a fast run is not slowed by terminal writes.
      const step = total === 0 ? WIDTH : Math.floor((done * WIDTH) / total);
      if (step === shown && done !== total) return;
      shown = step;
      drawn = true;
      write(`\r${label} [${"#".repeat(step)}${"-".repeat(WIDTH - step)}] ${done}/${total}`);
    },
    done() {
      if (drawn) write("\r\u001b[K");
    },
  };
}
