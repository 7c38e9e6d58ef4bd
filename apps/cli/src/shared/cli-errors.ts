import { ConfigError } from '@app/config';
import { DomainError, type Messages } from '../../../../libs/budgeting/src/shared/domain-error';

/** Exit codes of `budget`: 0 done, 1 refused or failed, 2 the command line itself is wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** One problem of the command line, naming the option or argument at fault. */
export interface UsageProblem {
  readonly field: string;
  readonly message: Messages;
}

/** The command line is wrong (unknown role, malformed date…): exit 2, every problem listed. */
export class UsageError extends Error {
  constructor(readonly problems: readonly UsageProblem[]) {
    super(problems.map((p) => p.message.en).join('; '));
    this.name = 'UsageError';
  }

  static of(field: string, message: Messages): UsageError {
    return new UsageError([{ field, message }]);
  }
}

/** The command ran and could not do what was asked (unknown user, missing folder…): exit 1. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    readonly messages: Messages,
  ) {
    super(`${code}: ${messages.en}`);
    this.name = 'CliError';
  }
}

/**
 * What commander throws through our exit override. Matched by shape, not class: commander
 * is nest-commander's dependency, not ours.
 */
interface CommanderFailure {
  readonly code: string;
  readonly exitCode: number;
}

function isCommanderFailure(error: unknown): error is CommanderFailure {
  if (!(error instanceof Error)) return false;
  const { code, exitCode } = error as Partial<CommanderFailure>;
  return typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}

/** Vietnamese for the coded errors of the libraries (event store…) a command may meet. */
const KNOWN_CODES: Readonly<Record<string, string>> = {
  'EVENT_STORE.UNAVAILABLE': 'không kết nối được sổ sự kiện',
  'EVENT_STORE.CORRUPT_EVENT': 'sổ sự kiện có sự kiện không đọc được',
  'EVENT_STORE.CONCURRENCY': 'hồ sơ vừa bị thay đổi cùng lúc, hãy chạy lại lệnh',
};

/**
 * An error of our libraries that carries a stable code (`EVENT_STORE.UNAVAILABLE`):
 * expected operational trouble, reported as such rather than as a crash. Matched by
 * code, so the event-store library need not be loaded to classify it.
 */
function codedFailure(error: unknown): { code: string; messages: Messages } | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[A-Z][A-Z_]*\.[A-Z][A-Z_.]*$/.test(code)) return null;
  const vi = KNOWN_CODES[code];
  return {
    code,
    messages: { vi: vi ? `${vi}: ${error.message}` : error.message, en: error.message },
  };
}

const HELP_HINT: Messages = {
  vi: 'Xem hướng dẫn: budget <lệnh> --help',
  en: 'See: budget <command> --help',
};

function bilingual(code: string, message: Messages): string {
  return `Lỗi ${code}: ${message.vi}\nError ${code}: ${message.en}\n`;
}

/**
 * The one place a failure becomes stderr text and an exit code. Returns the exit code;
 * writes nothing to stdout, so `--json` output stays one document (or none).
 */
export function reportFailure(error: unknown, stderr: (text: string) => void): number {
  if (isCommanderFailure(error)) {
    // Help and version end through here too; commander already printed what it had to.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    const lines = error.problems.map((p) => `  - ${p.message.vi}\n    ${p.message.en}`);
    stderr(
      `Lệnh không hợp lệ / Invalid command (${error.problems.length}):\n${lines.join('\n')}\n${HELP_HINT.vi} / ${HELP_HINT.en}\n`,
    );
    return EXIT_USAGE;
  }
  if (error instanceof ConfigError) {
    stderr(`${error.lines().join('\n')}\n`);
    return EXIT_FAILURE;
  }
  if (error instanceof DomainError) {
    stderr(bilingual(error.code, error.messages));
    return EXIT_FAILURE;
  }
  if (error instanceof CliError) {
    stderr(bilingual(error.code, error.messages));
    return EXIT_FAILURE;
  }
  const coded = codedFailure(error);
  if (coded) {
    stderr(bilingual(coded.code, coded.messages));
    return EXIT_FAILURE;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr(
    bilingual('INTERNAL', {
      vi: 'lỗi không mong đợi, chi tiết bên dưới',
      en: 'unexpected failure, details below',
    }) + `${text}\n`,
  );
  return EXIT_FAILURE;
}

/** commander's usage messages (English only), with their Vietnamese. */
const COMMANDER_MESSAGES: readonly [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown option '(.+)'/, (o) => `không có tùy chọn '${o}'`],
  [/^error: unknown command '(.+)'/, (c) => `không có lệnh '${c}'`],
  [/^error: missing required argument '(.+)'/, (a) => `thiếu đối số bắt buộc <${a}>`],
  [/^error: option '(.+)' argument missing/, (o) => `tùy chọn '${o}' thiếu giá trị`],
  [
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)/,
    (c, expected, got) =>
      `quá nhiều đối số${c ? ` cho '${c}'` : ''}: cần ${expected}, nhận ${got} (họ tên có dấu cách phải đặt trong dấu ngoặc kép)`,
  ],
];

/** commander's own usage message ("error: unknown option '--rol'"), in both languages. */
export function formatCommanderError(text: string): string {
  const english = text.trimEnd();
  const firstLine = english.split('\n')[0] ?? '';
  let vietnamese = 'cú pháp lệnh không đúng';
  for (const [pattern, translate] of COMMANDER_MESSAGES) {
    const match = pattern.exec(firstLine);
    if (match) {
      vietnamese = translate(...match.slice(1).map((g) => g ?? ''));
      break;
    }
  }
  const en = english.replace(/^error: /, '');
  return `Sai cú pháp lệnh: ${vietnamese}\nUsage error: ${en}\n${HELP_HINT.vi} / ${HELP_HINT.en}\n`;
}
