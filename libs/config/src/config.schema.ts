import type { z } from 'zod';
import {
  integer,
  language,
  ON_OFF_RULE,
  onOff,
  oneOf,
  optionalText,
  text,
  type Variable,
} from './variables';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Every environment variable the API, the `budget` CLI and the projector read, in one
 * place: the schema its value must satisfy, its default and what it means. Nothing else
 * in the code reads process.env for configuration (tests and benchmarks have their own
 * knobs). The README's table is rendered from this object (npm run docs:config) and a
 * test fails when the two differ.
 */
export const VARIABLES = {
  PORT: {
    schema: integer(0, 65_535, 3000),
    rule: { vi: 'số nguyên từ 0 đến 65535', en: 'a whole number from 0 to 65535' },
    default: '3000',
    meaning:
      'HTTP port of the API (and its dashboard, /docs, /health); `0` lets the system pick a free port, printed in the start-up line',
    programs: ['api'],
  },
  BUDGET_DATA_DIR: {
    schema: text('./data'),
    rule: { vi: 'một đường dẫn thư mục', en: 'a folder path' },
    default: './data',
    meaning:
      'embedded stores: `events.sqlite` (log), `read-models.sqlite`, `auth.sqlite` (users, token hashes, dashboard sessions), `idempotency.sqlite`, `security.sqlite`, `rate-limits.sqlite`, `audit.key`; the CLI’s `--data` wins over it',
    programs: ['api', 'cli', 'projector'],
  },
  EVENT_STORE: {
    schema: oneOf(['sqlite', 'eventstoredb'], 'sqlite'),
    rule: { vi: '"sqlite" hoặc "eventstoredb"', en: '"sqlite" or "eventstoredb"' },
    default: 'sqlite',
    meaning:
      'the event log: embedded SQLite, or EventStoreDB/KurrentDB (needs `EVENTSTORE_CONNECTION_STRING`)',
    programs: ['api', 'cli', 'projector'],
  },
  EVENTSTORE_CONNECTION_STRING: {
    schema: optionalText(),
    rule: {
      vi: 'một chuỗi kết nối esdb:// hoặc kurrentdb://',
      en: 'an esdb:// or kurrentdb:// connection string',
    },
    default: null,
    meaning: 'with `EVENT_STORE=eventstoredb`, e.g. `esdb://localhost:2113?tls=false`',
    programs: ['api', 'cli', 'projector'],
    secret: true,
  },
  READ_STORE: {
    schema: oneOf(['sqlite', 'mongodb'], 'sqlite'),
    rule: { vi: '"sqlite" hoặc "mongodb"', en: '"sqlite" or "mongodb"' },
    default: 'sqlite',
    meaning:
      'read models, and the API’s own state with them (users, sessions, idempotency records, security log, rate-limit counters): SQLite files, or MongoDB (needs `MONGODB_URL`)',
    programs: ['api', 'cli', 'projector'],
  },
  MONGODB_URL: {
    schema: optionalText(),
    rule: {
      vi: 'một URL mongodb:// hoặc mongodb+srv://',
      en: 'a mongodb:// or mongodb+srv:// URL',
    },
    default: null,
    meaning: 'with `READ_STORE=mongodb`, e.g. `mongodb://localhost:27017/?replicaSet=rs0`',
    programs: ['api', 'cli', 'projector'],
    secret: true,
  },
  BUDGET_AUDIT_KEY: {
    schema: optionalText(),
    rule: {
      vi: 'một khóa PEM Ed25519 hoặc tệp chứa nó',
      en: 'an Ed25519 PEM key or a file holding it',
    },
    default: '`<data>/audit.key`',
    meaning: 'the checkpoint signing key; give every API replica the same',
    programs: ['api', 'cli'],
    secret: true,
  },
  BUDGET_AUDIT_TRUSTED_KEYS: {
    schema: optionalText(),
    rule: {
      vi: 'các dấu vân tay khóa (64 ký tự hex), cách nhau bởi dấu phẩy',
      en: 'key fingerprints (64 hex characters) separated by commas',
    },
    default: null,
    meaning: 'fingerprints of other keys whose signed checkpoints `verify` accepts',
    programs: ['api', 'cli'],
  },
  BUDGET_AUDIT_CHECKPOINT_EVERY: {
    schema: integer(0, 1_000_000_000, 1000),
    rule: { vi: 'số nguyên không âm (0: tắt)', en: 'a whole number, 0 or more (0: off)' },
    default: '1000',
    meaning: 'the API signs a Merkle checkpoint every this many events (0: never by itself)',
    programs: ['api', 'cli'],
  },
  BUDGET_AUDIT_CHECKPOINT_POLL_MS: {
    schema: integer(1, DAY_MS, 5000),
    rule: { vi: 'số mili giây, từ 1 trở lên', en: 'milliseconds, 1 or more' },
    default: '5000',
    meaning: 'how often the API looks whether a checkpoint is due',
    programs: ['api'],
  },
  BUDGET_LEAD_AGENCY: {
    schema: text('LDTBXH'),
    rule: { vi: 'mã một đơn vị', en: 'a unit code' },
    default: 'LDTBXH',
    meaning: 'fallback lead agency for a year with none recorded (pays joint teams’ travel)',
    programs: ['api', 'cli', 'projector'],
  },
  BUDGET_REPORTING_UNIT: {
    schema: text('UBND huyện Ba Tơ'),
    rule: { vi: 'tên một đơn vị', en: 'a unit name' },
    default: 'UBND huyện Ba Tơ',
    meaning: 'the unit named in report titles',
    programs: ['api', 'cli'],
  },
  BUDGET_REPORT_PLACE: {
    schema: text('Ba Tơ'),
    rule: { vi: 'tên một địa danh', en: 'a place name' },
    default: 'Ba Tơ',
    meaning: 'where reports are signed ("Ba Tơ, ngày 19 tháng 3 năm 2024")',
    programs: ['api', 'cli'],
  },
  BUDGET_PROVINCE: {
    schema: text('QNG'),
    rule: { vi: 'mã tỉnh trong bảng định mức', en: 'a province code of the norm table' },
    default: 'QNG',
    meaning: 'whose council rates (spending-norm-table.json) apply within the central norms',
    programs: ['api', 'cli'],
  },
  BUDGET_REBUILD_WRITER_THREAD: {
    schema: onOff(true),
    rule: ON_OFF_RULE,
    default: 'on',
    meaning:
      'with SQLite read models, a rebuild writes its new generations on a second thread, overlapping the replay; `off`: on the replaying thread',
    programs: ['api', 'cli', 'projector'],
  },
  BUDGET_PROJECTIONS: {
    schema: onOff(true),
    rule: ON_OFF_RULE,
    default: 'on',
    meaning: '`off`: this process runs no projections (a projector does)',
    programs: ['api', 'projector'],
  },
  BUDGET_FOLLOW_UPS: {
    schema: onOff(true),
    rule: ON_OFF_RULE,
    default: 'on',
    meaning: '`off`: this process runs no follow-up processes (transfers, voucher release, lapses)',
    programs: ['api', 'projector'],
  },
  BUDGET_NO_EXAMPLE: {
    schema: onOff(false),
    rule: { vi: '1 hoặc 0', en: '1 or 0' },
    default: '0',
    meaning: '`1`: start on an empty log without loading the Ba Tơ 2024 example',
    programs: ['api'],
  },
  BUDGET_RATE_LIMIT_PER_MINUTE: {
    schema: integer(0, 1_000_000, 600),
    rule: {
      vi: 'số nguyên không âm (0: không giới hạn)',
      en: 'a whole number, 0 or more (0: no limit)',
    },
    default: '600',
    meaning: 'writes per signed-in user per minute, shared by all replicas (`0`: no limit)',
    programs: ['api'],
  },
  BUDGET_ADDRESS_LIMIT_PER_MINUTE: {
    schema: integer(0, 1_000_000, 60),
    rule: {
      vi: 'số nguyên không âm (0: không giới hạn)',
      en: 'a whole number, 0 or more (0: no limit)',
    },
    default: '60',
    meaning:
      'requests per client address per minute that are not signed in: failed sign-ins (a bad token, `/login`) and writes without a valid token (`0`: no limit)',
    programs: ['api'],
  },
  BUDGET_TRUST_PROXY: {
    schema: optionalText(),
    rule: {
      vi: 'số bước proxy, true/false, hoặc danh sách địa chỉ',
      en: 'a hop count, true/false, or a list of addresses',
    },
    default: null,
    meaning:
      'Express `trust proxy`: a hop count (`1`) or addresses (`loopback, 10.0.0.0/8`) of the TLS proxy in front, so HTTPS and client addresses are seen (Secure cookie); unset: off',
    programs: ['api'],
  },
  BUDGET_READY_MAX_LAG: {
    schema: integer(0, 1_000_000_000, 1000),
    rule: { vi: 'số nguyên không âm (số sự kiện)', en: 'a whole number of events, 0 or more' },
    default: '1000',
    meaning:
      'readiness (`/health`) fails while a projection is more than this many events behind the log',
    programs: ['api'],
  },
  LOG_LEVEL: {
    schema: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    rule: {
      vi: 'fatal, error, warn, info, debug, trace hoặc silent',
      en: 'fatal, error, warn, info, debug, trace or silent',
    },
    default: 'info',
    meaning: 'the least severe log line written',
    programs: ['api', 'projector'],
  },
  LOG_FORMAT: {
    schema: oneOf(['auto', 'json', 'pretty'], 'auto'),
    rule: { vi: 'auto, json hoặc pretty', en: 'auto, json or pretty' },
    default: 'auto',
    meaning:
      '`json` (one object a line, for log collectors), `pretty` (for people); `auto`: pretty on a terminal, JSON otherwise',
    programs: ['api', 'projector'],
  },
  BUDGET_LANG: {
    schema: language('vi'),
    rule: { vi: '"vi" hoặc "en"', en: '"vi" or "en"' },
    default: 'vi',
    meaning: 'language of the CLI’s human output (errors always carry both)',
    programs: ['cli'],
  },
  BUDGET_PROJECTOR_ID: {
    schema: optionalText(),
    rule: { vi: 'một tên', en: 'a name' },
    default: 'the host name',
    meaning: 'this projector as a lease holder, in logs and the leases collection',
    programs: ['projector'],
  },
  BUDGET_LEASE_TTL_MS: {
    schema: integer(1, DAY_MS, 15_000),
    rule: { vi: 'số mili giây, từ 1 trở lên', en: 'milliseconds, 1 or more' },
    default: '15000',
    meaning: 'a projector’s lease expires this long after its last renewal',
    programs: ['projector'],
  },
  BUDGET_LEASE_RENEW_MS: {
    schema: integer(0, DAY_MS, 0),
    rule: {
      vi: 'số mili giây, nhỏ hơn BUDGET_LEASE_TTL_MS',
      en: 'milliseconds, below BUDGET_LEASE_TTL_MS',
    },
    default: 'a third of the TTL',
    meaning: 'how often a projector renews its leases',
    programs: ['projector'],
  },
  BUDGET_PROJECTOR_POLL_MS: {
    schema: integer(1, MINUTE_MS, 100),
    rule: { vi: 'số mili giây, từ 1 trở lên', en: 'milliseconds, 1 or more' },
    default: '100',
    meaning: 'how often a projector looks for events other processes appended',
    programs: ['projector'],
  },
} as const satisfies Record<string, Variable<unknown>>;

export type VariableName = keyof typeof VARIABLES;

/** The parsed value of each variable. */
export type RawConfig = {
  -readonly [K in VariableName]: z.output<(typeof VARIABLES)[K]['schema']>;
};
