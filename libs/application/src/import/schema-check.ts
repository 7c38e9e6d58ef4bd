import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Messages } from '@app/budgeting';
import { DATA_FILES, type DataFileName } from './data-set';
import { formatPath, type ImportProblem } from './import-problem';
import budgetLinesSchema from './schemas/budget-lines.schema.json';
import documentsSchema from './schemas/documents.schema.json';
import peopleSchema from './schemas/people.schema.json';
import paymentsSchema from './schemas/payments.schema.json';
import planSchema from './schemas/plan.schema.json';
import unitsSchema from './schemas/units.schema.json';
import type { ParsedFile, PathSegments } from './yaml-file';

/**
 * The JSON Schemas of the data files. These are the contract: a data set's own
 * `*.schema.json` copies (for editors) are never trusted, and the copies in
 * examples/ba-to-2024 are checked equal to these by the import tests.
 */
export const DATA_FILE_SCHEMAS: Readonly<Record<DataFileName, object>> = {
  [DATA_FILES.documents]: documentsSchema,
  [DATA_FILES.units]: unitsSchema,
  [DATA_FILES.people]: peopleSchema,
  [DATA_FILES.lines]: budgetLinesSchema,
  [DATA_FILES.plan]: planSchema,
  [DATA_FILES.payments]: paymentsSchema,
};

let validators: Map<string, ValidateFunction> | null = null;

function validatorFor(file: DataFileName): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      allowUnionTypes: true,
      strict: true,
      // `then: { required: [...] }` names properties declared beside the `if`, not in it.
      strictRequired: false,
    });
    validators = new Map(
      Object.entries(DATA_FILE_SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]),
    );
  }
  const validate = validators.get(file);
  if (!validate) throw new Error(`No schema for ${file}`);
  return validate;
}

/** Checks a parsed file against its schema; every violation, each at its own path. */
export function checkSchema(file: DataFileName, parsed: ParsedFile): ImportProblem[] {
  const validate = validatorFor(file);
  if (validate(parsed.value)) return [];
  const problems = (validate.errors ?? [])
    // `if` only says which `then` failed; the `then` error itself names the field.
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const path = errorPath(error);
      return {
        file,
        path: formatPath(path),
        line: parsed.lineOf(path),
        code: 'IMPORT.SCHEMA',
        message: describe(error),
      };
    });
  return dedupe(problems);
}

function dedupe(problems: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function errorPath(error: ErrorObject): PathSegments {
  const segments: (string | number)[] = error.instancePath
    .split('/')
    .slice(1)
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    segments.push(params.missingProperty);
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    segments.push(params.additionalProperty);
  }
  return segments;
}

const MONEY_PATTERNS = new Set(['^(0|[1-9][0-9]{0,17})$', '^[1-9][0-9]{0,17}$']);
const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** Vietnamese and English for what each kind of value must look like, by its pattern. */
function patternMeaning(pattern: string): Messages | null {
  if (MONEY_PATTERNS.has(pattern)) {
    const positive = pattern.startsWith('^[1-9]');
    return {
      vi: `số tiền phải là chuỗi số nguyên đồng${positive ? ' lớn hơn 0' : ''}, chỉ gồm chữ số, không dấu chấm hay phẩy, trong dấu nháy, ví dụ "378000000" (tối đa 18 chữ số)`,
      en: `an amount must be a string of whole đồng${positive ? ' above zero' : ''}, digits only, no dots or commas, quoted, e.g. "378000000" (at most 18 digits)`,
    };
  }
  if (pattern === DATE_PATTERN) {
    return { vi: 'ngày phải có dạng YYYY-MM-DD', en: 'a date must be written YYYY-MM-DD' };
  }
  if (pattern.startsWith('^[0-9]+/')) {
    return {
      vi: 'số văn bản không hợp lệ (ví dụ 699/QĐ-UBND, 90/QĐ-TTg, 55/2023/TT-BTC)',
      en: 'invalid document number (e.g. 699/QĐ-UBND, 90/QĐ-TTg, 55/2023/TT-BTC)',
    };
  }
  if (pattern.startsWith('^[A-Z0-9][A-Z0-9_]')) {
    return {
      vi: 'mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số và "_", 2–40 ký tự (ví dụ LDTBXH)',
      en: 'a unit code is 2–40 capitals, digits and "_" (e.g. LDTBXH)',
    };
  }
  if (pattern.startsWith('^[a-z0-9][a-z0-9._-]')) {
    return {
      vi: 'mã chỉ gồm chữ thường không dấu, chữ số, ".", "_" hoặc "-" (ví dụ lu-dinh-tich)',
      en: 'an id is lower-case letters, digits, ".", "_" or "-" (e.g. lu-dinh-tich)',
    };
  }
  if (pattern.startsWith('^DA')) {
    return {
      vi: 'mã dự án/tiểu dự án không hợp lệ (ví dụ DA6, DA7.TDA1)',
      en: 'invalid program part (e.g. DA6, DA7.TDA1)',
    };
  }
  if (pattern.includes('KT|TM|TL|TUQ')) {
    return {
      vi: 'tư cách ký phải bắt đầu bằng KT., TM., TL., TUQ. hoặc là "Chủ tịch"',
      en: 'a signing capacity starts with KT., TM., TL., TUQ. or is "Chủ tịch"',
    };
  }
  return null;
}

const TYPE_NAMES: Readonly<Record<string, Messages>> = {
  string: { vi: 'chuỗi ký tự', en: 'a string' },
  integer: { vi: 'số nguyên', en: 'an integer' },
  number: { vi: 'số', en: 'a number' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  array: { vi: 'danh sách', en: 'a list' },
  object: { vi: 'nhóm trường (khóa: giá trị)', en: 'a mapping (key: value)' },
  null: { vi: 'null', en: 'null' },
};

function typeNames(types: unknown): Messages {
  const list = (Array.isArray(types) ? types : [types]).map((t) => TYPE_NAMES[String(t)]);
  return {
    vi: list.map((t) => t?.vi ?? '?').join(' hoặc '),
    en: list.map((t) => t?.en ?? '?').join(' or '),
  };
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function describe(error: ErrorObject): Messages {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as { pattern?: unknown; properties?: object };
  const meaning = typeof parent.pattern === 'string' ? patternMeaning(parent.pattern) : null;
  const got = { vi: `nhận được ${shown(error.data)}`, en: `got ${shown(error.data)}` };
  switch (error.keyword) {
    case 'required':
      return { vi: 'thiếu trường bắt buộc', en: 'this field is required' };
    case 'additionalProperties': {
      const known = Object.keys(parent.properties ?? {}).join(', ');
      return {
        vi: `trường không có trong lược đồ (gõ nhầm?); các trường được dùng: ${known}`,
        en: `unknown field (a typo?); the fields are: ${known}`,
      };
    }
    case 'type': {
      const expected = typeNames(params.type);
      if (meaning && typeof error.data === 'number') {
        return { vi: `${meaning.vi}; ${got.vi}`, en: `${meaning.en}; ${got.en}` };
      }
      return { vi: `phải là ${expected.vi}; ${got.vi}`, en: `must be ${expected.en}; ${got.en}` };
    }
    case 'pattern':
      return meaning
        ? { vi: `${meaning.vi}; ${got.vi}`, en: `${meaning.en}; ${got.en}` }
        : {
            vi: `không đúng mẫu ${String(params.pattern)}; ${got.vi}`,
            en: `does not match ${String(params.pattern)}; ${got.en}`,
          };
    case 'enum': {
      const allowed = (Array.isArray(params.allowedValues) ? params.allowedValues : [])
        .map(String)
        .join(', ');
      return {
        vi: `phải là một trong: ${allowed}; ${got.vi}`,
        en: `must be one of: ${allowed}; ${got.en}`,
      };
    }
    case 'minimum':
    case 'maximum':
      return {
        vi: `phải ${error.keyword === 'minimum' ? 'từ' : 'đến'} ${String(params.limit)}; ${got.vi}`,
        en: `must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}; ${got.en}`,
      };
    case 'minItems':
      return {
        vi: `cần ít nhất ${String(params.limit)} mục`,
        en: `needs at least ${String(params.limit)} item(s)`,
      };
    case 'minLength':
      return { vi: 'không được để trống', en: 'must not be empty' };
    case 'maxLength':
      return {
        vi: `dài quá ${String(params.limit)} ký tự`,
        en: `longer than ${String(params.limit)} characters`,
      };
    case 'uniqueItems':
      return { vi: 'danh sách có mục trùng nhau', en: 'the list has duplicate items' };
    default:
      return { vi: `không hợp lệ: ${error.message ?? ''}`, en: `invalid: ${error.message ?? ''}` };
  }
}
