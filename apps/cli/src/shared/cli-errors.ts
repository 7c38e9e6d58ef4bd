import { ConfigError } from '@app/config';
import { DomainError, type Messages } from '@app/budgeting';

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
  'EVENT_STORE.APPEND_TOO_LARGE':
    'ghi quá nhiều dữ liệu trong một lần (tối đa 1 MiB), hãy chia nhỏ',
};

/**
 * An error of our libraries that carries a stable code (`EVENT_STORE.UNAVAILABLE`):
 * expected operational trouble, reported as such rather than as a crash. Matched by
 * code, so the event-store library need not be loaded to classify it.
 */
function codedFailure(error: unknown): { code: string; messages: Messages } | null {
  if (!(error instanceof Error)) return null;
  const { code, messages } = error as { code?: unknown; messages?: Partial<Messages> };
  if (typeof code !== 'string' || !/^[A-Z][A-Z_]*\.[A-Z][A-Z_.]*$/.test(code)) return null;
  if (typeof messages?.vi === 'string' && typeof messages.en === 'string') {
    return { code, messages: { vi: messages.vi, en: messages.en } };
  }
  // The library's message is English: the Vietnamese line says what failed in Vietnamese
  // only (never half of each), the English line carries the detail.
  return {
    code,
    messages: { vi: KNOWN_CODES[code] ?? 'lỗi khi thực hiện lệnh', en: error.message },
  };
}

const HELP_HINT: Messages = {
  vi: 'Xem hướng dẫn: budget <lệnh> --help',
  en: 'See: budget <command> --help',
};

function bilingual(code: string, message: Messages): string {
  return `Lỗi ${code}: ${message.vi}\nError ${code}: ${message.en}\n`;
}

/** `--json` anywhere on the command line: every answer, failures included, is one JSON document. */
export function wantsJson(argv: readonly string[] = process.argv.slice(2)): boolean {
  return argv.includes('--json');
}

/** A failure as one JSON document (on stderr, as every failure): what `--json` promises. */
export interface FailureDocument {
  readonly error: {
    readonly code: string;
    readonly exitCode: number;
    readonly message: Messages;
    readonly problems?: readonly UsageProblem[];
    readonly detail?: string;
  };
}

function document(
  code: string,
  exitCode: number,
  message: Messages,
  extra: object = {},
): FailureDocument {
  return { error: { code, exitCode, message, ...extra } };
}

/** What is printed for a failure: text for people, or the FailureDocument under `--json`. */
function describeFailure(error: unknown): { text: string; json: FailureDocument } {
  if (error instanceof UsageError) {
    const lines = error.problems.map((p) => `  - ${p.message.vi}\n    ${p.message.en}`);
    return {
      text: `Lệnh không hợp lệ / Invalid command (${error.problems.length}):\n${lines.join('\n')}\n${HELP_HINT.vi} / ${HELP_HINT.en}\n`,
      json: document(
        'USAGE',
        EXIT_USAGE,
        { vi: 'Lệnh không hợp lệ', en: 'Invalid command' },
        {
          problems: error.problems,
        },
      ),
    };
  }
  if (error instanceof ConfigError) {
    return {
      text: `${error.lines().join('\n')}\n`,
      json: document(
        error.code,
        EXIT_FAILURE,
        { vi: 'Cấu hình không hợp lệ', en: 'Invalid configuration' },
        { problems: error.problems.map((p) => ({ field: p.variable, message: p.message })) },
      ),
    };
  }
  const known =
    error instanceof DomainError || error instanceof CliError
      ? { code: error.code, messages: error.messages }
      : codedFailure(error);
  if (known) {
    return {
      text: bilingual(known.code, known.messages),
      json: document(known.code, EXIT_FAILURE, known.messages),
    };
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    text:
      bilingual('INTERNAL', {
        vi: 'lỗi không mong đợi, chi tiết bên dưới',
        en: 'unexpected failure, details below',
      }) + `${detail}\n`,
    json: document(
      'INTERNAL',
      EXIT_FAILURE,
      { vi: 'lỗi không mong đợi', en: 'unexpected failure' },
      { detail },
    ),
  };
}

/**
 * The one place a failure becomes stderr text and an exit code. Returns the exit code;
 * writes nothing to stdout, so `--json` output stays one document (or none). With `json`,
 * the failure itself is one JSON document (FailureDocument) on stderr.
 */
export function reportFailure(
  error: unknown,
  stderr: (text: string) => void,
  json: boolean = wantsJson(),
): number {
  if (isCommanderFailure(error)) {
    // Help and version end through here too; commander already printed what it had to.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  const failure = describeFailure(error);
  stderr(json ? `${JSON.stringify(failure.json, null, 2)}\n` : failure.text);
  return failure.json.error.exitCode;
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
export function formatCommanderError(text: string, json: boolean = wantsJson()): string {
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
  if (json) {
    const usage = document('USAGE', EXIT_USAGE, {
      vi: `Sai cú pháp lệnh: ${vietnamese}`,
      en: `Usage error: ${en}`,
    });
    return `${JSON.stringify(usage, null, 2)}\n`;
  }
  return `Sai cú pháp lệnh: ${vietnamese}\nUsage error: ${en}\n${HELP_HINT.vi} / ${HELP_HINT.en}\n`;
}
