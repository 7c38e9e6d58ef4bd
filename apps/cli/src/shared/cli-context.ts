import { resolve } from 'node:path';
import { loadConfig, withDataDir, type BudgetConfig } from '@app/config';
import type { Messages } from '@app/budgeting';
import { UsageError } from './cli-errors';

/** The options every command takes. */
export interface CommonOptions {
  readonly data?: string;
  readonly json?: boolean;
}

export type Language = keyof Messages;

/** What a command needs from its surroundings: where the data is, and how to answer. */
export interface CliContext {
  /** Absolute data folder: `--data`, else BUDGET_DATA_DIR, else `./data`. */
  readonly dataDir: string;
  /** The environment's configuration (validated), on this command's data folder. */
  readonly config: BudgetConfig;
  readonly json: boolean;
  readonly language: Language;
  /** The command's one JSON document, on stdout (`--json`). */
  printJson(document: unknown): void;
  /** Human output on stdout, in the user's language. */
  say(message: Messages): void;
  /** Text meant for people whatever the language (a token, a table), on stdout. */
  print(text: string): void;
  /** A finding or warning, on stderr in both languages (stdout stays clean for `--json`). */
  warn(message: Messages): void;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** `--data`, then BUDGET_DATA_DIR, then `./data`, as the contract says; absolute. */
export function resolveDataDir(option: string | undefined, config: BudgetConfig): string {
  if (option !== undefined && option.trim() === '') {
    throw UsageError.of('--data', {
      vi: '--data: thư mục dữ liệu không được để trống',
      en: '--data: the data folder must not be empty',
    });
  }
  return resolve(option ?? config.dataDir);
}

/** bigint (positions, revisions) as decimal strings: JSON has no 64-bit integers. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export function createContext(options: CommonOptions, io: CliIo = processIo): CliContext {
  const json = options.json === true;
  const environment = loadConfig();
  // Human output is Vietnamese unless BUDGET_LANG=en.
  const language = environment.language;
  const dataDir = resolveDataDir(options.data, environment);
  return {
    dataDir,
    config: withDataDir(environment, dataDir),
    json,
    language,
    printJson: (document) => io.stdout(`${JSON.stringify(document, jsonValue, 2)}\n`),
    // In --json mode stdout carries the document only; a human line would break it.
    say: (message) => (json ? undefined : io.stdout(`${message[language]}\n`)),
    print: (text) => (json ? undefined : io.stdout(text.endsWith('\n') ? text : `${text}\n`)),
    warn: (message) => io.stderr(`${message.vi}\n${message.en}\n`),
  };
}
