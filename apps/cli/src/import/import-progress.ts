import { Presets, SingleBar } from 'cli-progress';

/** Below this many commands an import takes a blink: no bar, no lines. */
export const LARGE_IMPORT = 50;

export interface ProgressOutput {
  readonly write: (text: string) => void;
  /** A terminal gets a bar redrawn in place; anything else a line per 10%. */
  readonly isTTY: boolean;
}

export interface ImportProgress {
  update(done: number, total: number): void;
  stop(): void;
}

const stderr: ProgressOutput = {
  write: (text) => void process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
};

/**
 * Progress of a large import, always on stderr so that stdout stays the command's
 * answer (`--json`): a bar on a terminal (cli-progress), else one line per 10%.
 */
export function importProgress(output: ProgressOutput = stderr): ImportProgress {
  let bar: SingleBar | null = null;
  let lastTenth = -1;
  return {
    update(done, total) {
      if (total < LARGE_IMPORT) return;
      if (output.isTTY) {
        if (!bar) {
          bar = new SingleBar(
            {
              stream: process.stderr,
              format: 'Đang nhập / Importing [{bar}] {percentage}% {value}/{total}',
              hideCursor: true,
            },
            Presets.shades_classic,
          );
          bar.start(total, done);
        } else bar.update(done);
        return;
      }
      const tenth = Math.floor((done * 10) / total);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      output.write(`Đang nhập / Importing: ${tenth * 10}% (${done}/${total})\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}
