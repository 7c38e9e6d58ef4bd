import { VARIABLES, type RawConfig, type VariableName } from './config.schema';
import type { Bilingual, Program } from './variables';

/** Where the event log is (the event-store library's own config type has the same shape). */
export type EventStoreSettings =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | { readonly kind: 'eventstoredb'; readonly dataDir: string; readonly connectionString: string };

/** Where the read models and the API's own state are. */
export type ReadStoreSettings =
  | {
      readonly kind: 'sqlite';
      readonly dataDir: string;
      /** BUDGET_REBUILD_WRITER_THREAD: false keeps a rebuild's SQLite writes on its own thread. */
      readonly writerThread?: boolean;
    }
  | { readonly kind: 'mongodb'; readonly url: string };

/** The one typed configuration of a process, parsed from its environment at start. */
export interface BudgetConfig {
  /** Which program this is (each checks only the variables it reads). */
  readonly runs: Program;
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: EventStoreSettings;
  readonly readStore: ReadStoreSettings;
  readonly audit: {
    /** BUDGET_AUDIT_KEY: a PEM key or a file; null: `<dataDir>/audit.key`. */
    readonly key: string | null;
    readonly trustedKeys: string | null;
    readonly checkpointEvery: number;
    readonly checkpointPollMs: number;
  };
  readonly program: {
    readonly leadAgency: string;
    readonly reportingUnit: string;
    /** Where reports are signed. */
    readonly reportPlace: string;
    /** The province whose spending norms apply within the central ceilings. */
    readonly province: string;
  };
  /** Express `trust proxy` as written (null: off); see apps/api/src/http/http-adapter.ts. */
  readonly trustProxy: string | null;
  readonly projections: boolean;
  readonly followUps: boolean;
  readonly loadExample: boolean;
  readonly rateLimit: { readonly perUserPerMinute: number; readonly perAddressPerMinute: number };
  readonly readiness: { readonly maxLag: number };
  readonly log: {
    readonly level: RawConfig['LOG_LEVEL'];
    readonly format: RawConfig['LOG_FORMAT'];
  };
  readonly language: RawConfig['BUDGET_LANG'];
  readonly projector: {
    readonly id: string | null;
    readonly leaseTtlMs: number;
    readonly renewEveryMs: number;
    readonly pollIntervalMs: number;
  };
}

/** A bad value: the variable, what it must be, what was given (unless secret). */
export interface ConfigProblem {
  readonly variable: VariableName;
  readonly message: Bilingual;
}

/** The environment is wrong: one line per bad variable, in Vietnamese and English. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => p.message.en).join('; '));
    this.name = 'ConfigError';
  }

  /** What a process prints before it exits 1: one line per problem, both languages. */
  lines(): string[] {
    return this.problems.map(
      (p) => `Cấu hình không hợp lệ: ${p.message.vi} / Invalid configuration: ${p.message.en}`,
    );
  }
}

function given(name: VariableName, raw: string): Bilingual {
  if ('secret' in VARIABLES[name] && VARIABLES[name].secret) return { vi: '', en: '' };
  const shown = raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
  return { vi: ` (nhận "${shown}")`, en: ` (got "${shown}")` };
}

function mustBe(name: VariableName, rule: Bilingual, raw: string | undefined): ConfigProblem {
  const got = raw === undefined ? { vi: ' (chưa đặt)', en: ' (not set)' } : given(name, raw);
  return {
    variable: name,
    message: {
      vi: `${name} phải là ${rule.vi}${got.vi}`,
      en: `${name} must be ${rule.en}${got.en}`,
    },
  };
}

/** Each variable the program reads, parsed; the others keep their defaults, unchecked. */
function parseVariables(
  env: NodeJS.ProcessEnv,
  program: Program,
): { raw: RawConfig; problems: ConfigProblem[] } {
  const raw: Partial<Record<VariableName, unknown>> = {};
  const problems: ConfigProblem[] = [];
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    const variable = VARIABLES[name];
    const reads = (variable.programs as readonly Program[]).includes(program);
    const result = variable.schema.safeParse(reads ? env[name] : undefined);
    if (result.success) raw[name] = result.data;
    else problems.push(mustBe(name, variable.rule, env[name]));
  }
  return { raw: raw as RawConfig, problems };
}

/** What one variable's schema cannot say alone. */
function crossCheck(raw: RawConfig, env: NodeJS.ProcessEnv): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (raw.EVENT_STORE === 'eventstoredb' && raw.EVENTSTORE_CONNECTION_STRING === null) {
    problems.push(
      mustBe(
        'EVENTSTORE_CONNECTION_STRING',
        {
          vi: 'đặt khi EVENT_STORE=eventstoredb (vd. esdb://localhost:2113?tls=false)',
          en: 'set when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)',
        },
        undefined,
      ),
    );
  }
  const esdb = raw.EVENTSTORE_CONNECTION_STRING;
  if (
    esdb !== null &&
    !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\//.test(
      esdb,
    )
  ) {
    problems.push(
      mustBe('EVENTSTORE_CONNECTION_STRING', VARIABLES.EVENTSTORE_CONNECTION_STRING.rule, esdb),
    );
  }
  if (raw.READ_STORE === 'mongodb' && raw.MONGODB_URL === null) {
    problems.push(
      mustBe(
        'MONGODB_URL',
        {
          vi: 'đặt khi READ_STORE=mongodb (vd. mongodb://localhost:27017/?replicaSet=rs0)',
          en: 'set when READ_STORE=mongodb (e.g. mongodb://localhost:27017/?replicaSet=rs0)',
        },
        undefined,
      ),
    );
  }
  if (raw.MONGODB_URL !== null && !/^mongodb(\+srv)?:\/\//.test(raw.MONGODB_URL)) {
    problems.push(mustBe('MONGODB_URL', VARIABLES.MONGODB_URL.rule, raw.MONGODB_URL));
  }
  if (raw.BUDGET_LEASE_RENEW_MS !== 0 && raw.BUDGET_LEASE_RENEW_MS >= raw.BUDGET_LEASE_TTL_MS) {
    problems.push(
      mustBe(
        'BUDGET_LEASE_RENEW_MS',
        VARIABLES.BUDGET_LEASE_RENEW_MS.rule,
        env.BUDGET_LEASE_RENEW_MS,
      ),
    );
  }
  if (raw.BUDGET_AUDIT_TRUSTED_KEYS !== null) {
    const bad = raw.BUDGET_AUDIT_TRUSTED_KEYS.split(/[\s,]+/).filter(
      (item) => item !== '' && !/^[0-9a-f]{64}$/i.test(item),
    );
    if (bad.length > 0) {
      problems.push(
        mustBe('BUDGET_AUDIT_TRUSTED_KEYS', VARIABLES.BUDGET_AUDIT_TRUSTED_KEYS.rule, bad[0]),
      );
    }
  }
  return problems;
}

function shape(raw: RawConfig, program: Program): BudgetConfig {
  const dataDir = raw.BUDGET_DATA_DIR;
  return {
    runs: program,
    port: raw.PORT,
    dataDir,
    eventStore:
      raw.EVENT_STORE === 'eventstoredb'
        ? {
            kind: 'eventstoredb',
            dataDir,
            connectionString: raw.EVENTSTORE_CONNECTION_STRING ?? '',
          }
        : { kind: 'sqlite', dataDir },
    readStore:
      raw.READ_STORE === 'mongodb'
        ? { kind: 'mongodb', url: raw.MONGODB_URL ?? '' }
        : {
            kind: 'sqlite',
            dataDir,
            ...(raw.BUDGET_REBUILD_WRITER_THREAD ? {} : { writerThread: false }),
          },
    audit: {
      key: raw.BUDGET_AUDIT_KEY,
      trustedKeys: raw.BUDGET_AUDIT_TRUSTED_KEYS,
      checkpointEvery: raw.BUDGET_AUDIT_CHECKPOINT_EVERY,
      checkpointPollMs: raw.BUDGET_AUDIT_CHECKPOINT_POLL_MS,
    },
    program: {
      leadAgency: raw.BUDGET_LEAD_AGENCY,
      reportingUnit: raw.BUDGET_REPORTING_UNIT,
      reportPlace: raw.BUDGET_REPORT_PLACE,
      province: raw.BUDGET_PROVINCE,
    },
    trustProxy: raw.BUDGET_TRUST_PROXY,
    // The CLI brings read models up to date itself and runs no background processes.
    projections: program !== 'cli' && raw.BUDGET_PROJECTIONS,
    followUps: program !== 'cli' && raw.BUDGET_FOLLOW_UPS,
    loadExample: !raw.BUDGET_NO_EXAMPLE,
    rateLimit: {
      perUserPerMinute: raw.BUDGET_RATE_LIMIT_PER_MINUTE,
      perAddressPerMinute: raw.BUDGET_ADDRESS_LIMIT_PER_MINUTE,
    },
    readiness: { maxLag: raw.BUDGET_READY_MAX_LAG },
    log: { level: raw.LOG_LEVEL, format: raw.LOG_FORMAT },
    language: raw.BUDGET_LANG,
    projector: {
      id: raw.BUDGET_PROJECTOR_ID,
      leaseTtlMs: raw.BUDGET_LEASE_TTL_MS,
      renewEveryMs:
        raw.BUDGET_LEASE_RENEW_MS === 0
          ? Math.max(1, Math.floor(raw.BUDGET_LEASE_TTL_MS / 3))
          : raw.BUDGET_LEASE_RENEW_MS,
      pollIntervalMs: raw.BUDGET_PROJECTOR_POLL_MS,
    },
  };
}

/**
 * Parses and checks every variable the program reads; throws ConfigError listing each
 * bad one.
 */
export function parseConfig(env: NodeJS.ProcessEnv, program: Program = 'api'): BudgetConfig {
  const { raw, problems } = parseVariables(env, program);
  if (problems.length > 0) throw new ConfigError(problems);
  const crossProblems = crossCheck(raw, env).filter((p) =>
    (VARIABLES[p.variable].programs as readonly Program[]).includes(program),
  );
  if (crossProblems.length > 0) throw new ConfigError(crossProblems);
  return shape(raw, program);
}

let program: Program = 'api';

/** Called first by each entry point (the CLI, the projector); the API is the default. */
export function declareProgram(name: Program): void {
  program = name;
}

let cached: { key: string; config: BudgetConfig } | null = null;

/**
 * The configuration of this process, read from process.env once: later calls return the
 * same object for as long as the variables keep their values (tests that start several
 * APIs with other variables in one process get each their own).
 */
export function loadConfig(): BudgetConfig {
  const key = JSON.stringify([
    program,
    ...Object.keys(VARIABLES).map((n) => process.env[n] ?? null),
  ]);
  if (cached?.key !== key) cached = { key, config: parseConfig(process.env, program) };
  return cached.config;
}

/** The same configuration on another data folder (the CLI's `--data`). */
export function withDataDir(config: BudgetConfig, dataDir: string): BudgetConfig {
  return {
    ...config,
    dataDir,
    eventStore: { ...config.eventStore, dataDir },
    readStore:
      config.readStore.kind === 'sqlite' ? { ...config.readStore, dataDir } : config.readStore,
  };
}

/**
 * For a program's entry point: the configuration, or one line per bad variable on stderr
 * and exit code 1 (before anything is opened or logged as started).
 */
export function loadConfigOrExit(
  write: (line: string) => void = (l) => void process.stderr.write(`${l}\n`),
): BudgetConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.lines()) write(line);
    process.exit(1);
  }
}
