import { Presets, SingleBar } from 'cli-progress';

/** Below this many commands an import takes a blink: no bar, no lines. */
export const LARGE_IMPORT = 50;

export interface ProgressOutput {
  /** A terminal gets a bar redrawn in place; anything else nothing. */
  readonly isTTY: boolean;
}

export interface ImportProgress {
  update(done: number, total: number): void;
  stop(): void;
}

const stderr: ProgressOutput = {
  isTTY: process.stderr.isTTY === true,
};

/**
 * Progress of a large import, always on stderr so that stdout stays the command's
 * answer (`--json`), and only on a terminal (cli-progress): a file, a pipe or a script
 * gets the command's answer alone.
 */
export function importProgress(output: ProgressOutput = stderr): ImportProgress {
  let bar: SingleBar | null = null;
  return {
    update(done, total) {
      if (total < LARGE_IMPORT || !output.isTTY) return;
      if (bar) return void bar.update(done);
      bar = new SingleBar(
        {
          stream: process.stderr,
          format: 'Đang nhập / Importing [{bar}] {percentage}% {value}/{total}',
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(total, done);
    },
    stop() {
      bar?.stop();
    },
  };
}
