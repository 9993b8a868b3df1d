import type { Writable } from 'node:stream';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A spinner with the elapsed time of the running step, on one line of stderr, for terminals only. Output of the
 * step clears it first, so the two never mix; it redraws on the next tick.
 */
export class LiveTimer {
  private timer: NodeJS.Timeout | undefined;
  private started = 0;
  private frame = 0;
  private label = '';
  private shown = false;

  constructor(private readonly err: Writable) {}

  start(label: string): void {
    this.stop();
    this.label = label;
    this.started = Date.now();
    this.timer = setInterval(() => this.draw(), 200);
    this.timer.unref();
  }

  /** Call before writing anything else to the terminal. */
  clear(): void {
    if (this.shown) this.err.write('\r\u001b[2K');
    this.shown = false;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private draw(): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0);
    this.frame = (this.frame + 1) % FRAMES.length;
    this.err.write(`\r\u001b[2K${FRAMES[this.frame]} ${this.label} ${seconds}s`);
    this.shown = true;
  }
}
