import { formatMoney } from '@app/budgeting';
import { DATA_FILES, type DataFileName } from './data-set';
import {
  Findings,
  isObj,
  money,
  objects,
  strings,
  text,
  validDate,
  type Obj,
} from './check-findings';
import type { ImportProblem } from './import-problem';
import type { ParsedFile, PathSegments } from './yaml-file';

/*
 * The checks no single file's schema can make: references between files, sums, real
 * dates. They read the parsed values defensively (a file may have failed its schema),
 * so that one run lists every problem of the set, not the first file's only.
 */

interface Catalogue {
  readonly documents: ReadonlyMap<string, readonly { issuedOn: string | null }[]>;
  readonly units: ReadonlySet<string>;
  readonly people: ReadonlyMap<string, { role: string | null; delegations: number }>;
}

function catalogue(values: ReadonlyMap<DataFileName, unknown>, f: Findings): Catalogue {
  const documents = new Map<string, { issuedOn: string | null }[]>();
  const keys = new Set<string>();
  for (const [doc, i] of objects(values.get(DATA_FILES.documents), 'documents')) {
    const number = text(doc, 'number');
    if (number === null) continue;
    const issuedOn = text(doc, 'issuedOn');
    const key = `${number}|${issuedOn?.slice(0, 4) ?? ''}|${text(doc, 'issuer') ?? ''}`;
    if (keys.has(key)) f.duplicate(DATA_FILES.documents, ['documents', i], 'Văn bản', number);
    keys.add(key);
    documents.set(number, [...(documents.get(number) ?? []), { issuedOn }]);
  }
  const units = new Set<string>();
  for (const [unit, i] of objects(values.get(DATA_FILES.units), 'units')) {
    const code = text(unit, 'code');
    if (code === null) continue;
    if (units.has(code)) f.duplicate(DATA_FILES.units, ['units', i, 'code'], 'Mã đơn vị', code);
    units.add(code);
  }
  const people = new Map<string, { role: string | null; delegations: number }>();
  for (const [person, i] of objects(values.get(DATA_FILES.people), 'people')) {
    const id = text(person, 'id');
    if (id === null) continue;
    if (people.has(id)) f.duplicate(DATA_FILES.people, ['people', i, 'id'], 'Mã người dùng', id);
    people.set(id, {
      role: text(person, 'role'),
      delegations: objects(person, 'delegations').length,
    });
  }
  return { documents, units, people };
}

/** Every cited document must be in documents.yaml, once. */
function citation(
  f: Findings,
  c: Catalogue,
  file: DataFileName,
  path: PathSegments,
  number: string,
): { issuedOn: string | null } | null {
  const found = c.documents.get(number) ?? [];
  if (found.length === 0) {
    f.add(
      file,
      path,
      'IMPORT.UNKNOWN_DOCUMENT',
      `văn bản ${number} không có trong documents.yaml`,
      `document ${number} is not in documents.yaml`,
    );
    return null;
  }
  if (found.length > 1) {
    f.add(
      file,
      path,
      'IMPORT.AMBIGUOUS_DOCUMENT',
      `documents.yaml có ${found.length} văn bản cùng số ${number} (khác năm hoặc cơ quan): số văn bản chỉ duy nhất cùng cơ quan ban hành và năm`,
      `documents.yaml has ${found.length} documents numbered ${number} (other years or issuers): cite one that is unique`,
    );
  }
  return found[0] ?? null;
}

function unitRef(
  f: Findings,
  c: Catalogue,
  file: DataFileName,
  path: PathSegments,
  code: string,
): void {
  if (!c.units.has(code)) {
    f.add(
      file,
      path,
      'IMPORT.UNKNOWN_UNIT',
      `đơn vị ${code} không có trong units.yaml`,
      `unit ${code} is not in units.yaml`,
    );
  }
}

function personRef(
  f: Findings,
  c: Catalogue,
  file: DataFileName,
  path: PathSegments,
  id: string,
  role: 'officer' | 'approver',
): void {
  const person = c.people.get(id);
  if (!person) {
    f.add(
      file,
      path,
      'IMPORT.UNKNOWN_PERSON',
      `người dùng ${id} không có trong people.yaml`,
      `person ${id} is not in people.yaml`,
    );
  } else if (person.role !== role) {
    f.add(
      file,
      path,
      'IMPORT.WRONG_ROLE',
      `${id} có vai trò ${person.role ?? '?'}, cần ${role}`,
      `${id} has role ${person.role ?? '?'}, ${role} is needed`,
    );
  } else if (role === 'approver' && person.delegations === 0) {
    f.add(
      file,
      path,
      'IMPORT.NO_DELEGATION',
      `${id} chưa có ủy quyền nào trong people.yaml (delegations)`,
      `${id} has no delegation in people.yaml (delegations)`,
    );
  }
}

function checkUnits(values: ReadonlyMap<DataFileName, unknown>, f: Findings): void {
  const file = DATA_FILES.units;
  for (const [unit, i] of objects(values.get(file), 'units')) {
    const path = ['units', i];
    f.date(file, unit, path, 'validFrom');
    f.date(file, unit, path, 'validTo');
    f.order(file, unit, path, ['validFrom', 'validTo']);
  }
}

function checkDocuments(values: ReadonlyMap<DataFileName, unknown>, f: Findings): void {
  const file = DATA_FILES.documents;
  for (const [doc, i] of objects(values.get(file), 'documents')) {
    f.date(file, doc, ['documents', i], 'issuedOn');
  }
}

function checkPeople(values: ReadonlyMap<DataFileName, unknown>, f: Findings, c: Catalogue): void {
  const file = DATA_FILES.people;
  for (const [person, i] of objects(values.get(file), 'people')) {
    const path = ['people', i];
    f.date(file, person, path, 'registeredOn');
    const unit = text(person, 'unit');
    if (unit !== null) unitRef(f, c, file, [...path, 'unit'], unit);
    const delegations = objects(person, 'delegations');
    const role = text(person, 'role');
    if (delegations.length > 0 && role !== null && role !== 'approver') {
      f.add(
        file,
        [...path, 'delegations'],
        'IMPORT.NOT_APPROVER',
        `chỉ người phê duyệt (approver) mới có ủy quyền; vai trò ở đây là ${role}`,
        `only approvers hold delegations; this role is ${role}`,
      );
    }
    const ids = new Set<string>();
    for (const [delegation, j] of delegations) {
      const at = [...path, 'delegations', j];
      const id = text(delegation, 'id');
      if (id !== null && ids.has(id)) f.duplicate(file, [...at, 'id'], 'Mã ủy quyền', id);
      if (id !== null) ids.add(id);
      f.date(file, delegation, at, 'validFrom');
      f.date(file, delegation, at, 'validTo');
      f.order(file, delegation, at, ['validFrom', 'validTo']);
      for (const [code, k] of strings(delegation, 'units'))
        unitRef(f, c, file, [...at, 'units', k], code);
      for (const [number, k] of strings(delegation, 'legalBasis')) {
        citation(f, c, file, [...at, 'legalBasis', k], number);
      }
    }
  }
}

interface LineTotals {
  readonly fiscalYear: number | null;
  /** Per program part: the sum of its lines, or null when one of them has no valid amount. */
  readonly byPart: ReadonlyMap<string, bigint | null>;
  readonly parts: readonly [string, number][];
}

function checkLines(
  values: ReadonlyMap<DataFileName, unknown>,
  f: Findings,
  c: Catalogue,
): LineTotals {
  const file = DATA_FILES.lines;
  const root = values.get(file);
  const fiscalYear = isObj(root) && typeof root.fiscalYear === 'number' ? root.fiscalYear : null;
  const byPart = new Map<string, bigint | null>();
  const parts: [string, number][] = [];
  const seen = new Set<string>();
  for (const [line, i] of objects(root, 'lines')) {
    const path = ['lines', i];
    const unit = text(line, 'unit');
    if (unit !== null) unitRef(f, c, file, [...path, 'unit'], unit);
    const decision = text(line, 'decision');
    if (decision !== null) citation(f, c, file, [...path, 'decision'], decision);
    for (const [number, k] of strings(line, 'legalBasis')) {
      citation(f, c, file, [...path, 'legalBasis', k], number);
    }
    f.date(file, line, path, 'effectiveDate');

    const kind = text(line, 'kind');
    const sourceYear = typeof line.sourceYear === 'number' ? line.sourceYear : null;
    if (fiscalYear !== null && sourceYear !== null) {
      if (kind === 'allocation' && sourceYear !== fiscalYear) {
        f.add(
          file,
          [...path, 'sourceYear'],
          'IMPORT.SOURCE_YEAR',
          `giao dự toán năm ${fiscalYear} phải có năm nguồn ${fiscalYear}, không phải ${sourceYear} (tiền năm trước vào bằng chuyển nguồn: kind: carry_over)`,
          `an allocation for ${fiscalYear} has source year ${fiscalYear}, not ${sourceYear} (earlier money comes in by kind: carry_over)`,
        );
      }
      if (kind === 'carry_over' && !(sourceYear < fiscalYear && sourceYear >= fiscalYear - 5)) {
        f.add(
          file,
          [...path, 'sourceYear'],
          'IMPORT.SOURCE_YEAR',
          `chuyển nguồn vào năm ${fiscalYear} phải có năm nguồn trước đó (tối đa 5 năm), không phải ${sourceYear}`,
          `a carry-over into ${fiscalYear} has an earlier source year (at most 5 years back), not ${sourceYear}`,
        );
      }
    }
    const requestedBy = text(line, 'requestedBy');
    const approvedBy = text(line, 'approvedBy');
    if (kind === 'carry_over') {
      if (requestedBy !== null)
        personRef(f, c, file, [...path, 'requestedBy'], requestedBy, 'officer');
      if (approvedBy !== null)
        personRef(f, c, file, [...path, 'approvedBy'], approvedBy, 'approver');
    } else if (kind === 'allocation') {
      for (const key of ['requestedBy', 'approvedBy', 'deadline', 'permittedBy'] as const) {
        if (line[key] === undefined) continue;
        f.add(
          file,
          [...path, key],
          'IMPORT.NOT_FOR_ALLOCATION',
          `${key} chỉ dùng cho chuyển nguồn (kind: carry_over); giao dự toán được ghi theo quyết định`,
          `${key} is for carry-overs only (kind: carry_over); an allocation is recorded as decided`,
        );
      }
    }

    const programPart = text(line, 'programPart');
    const identity = [programPart, text(line, 'fundSource'), sourceYear, unit, decision].join('|');
    if (seen.has(identity)) {
      f.add(
        file,
        path,
        'IMPORT.DUPLICATE',
        'dòng này đã có với cùng quyết định (cùng tiểu dự án, nguồn vốn, năm nguồn, đơn vị): gộp thành một mục',
        'this line already has an item under the same decision (same part, fund source, source year, unit): merge them',
      );
    }
    seen.add(identity);
    if (programPart !== null) {
      parts.push([programPart, i]);
      const amount = money(line, 'amount');
      const sum = byPart.has(programPart) ? (byPart.get(programPart) ?? null) : 0n;
      byPart.set(programPart, sum === null || amount === null ? null : sum + amount);
    }
  }
  checkExtensions(root, f, c);
  return { fiscalYear, byPart, parts };
}

/** Deadline extensions: the decision in documents.yaml, real dates, each line named once. */
function checkExtensions(root: unknown, f: Findings, c: Catalogue): void {
  const file = DATA_FILES.lines;
  const named = new Set<string>();
  for (const [extension, i] of objects(root, 'extensions')) {
    const path = ['extensions', i];
    const decision = text(extension, 'decision');
    if (decision !== null) citation(f, c, file, [...path, 'decision'], decision);
    f.date(file, extension, path, 'effectiveDate');
    f.date(file, extension, path, 'deadline');
    for (const [line, j] of objects(extension, 'lines')) {
      const key = [decision, text(line, 'programPart'), text(line, 'fundSource')];
      const identity = [...key, line.sourceYear, text(line, 'unit')].join('|');
      if (named.has(identity)) {
        f.add(
          file,
          [...path, 'lines', j],
          'IMPORT.DUPLICATE',
          `quyết định ${decision ?? '?'} đã gia hạn dòng này ở trên: mỗi dòng chỉ nêu một lần`,
          `decision ${decision ?? '?'} already extends this line above: name each line once`,
        );
      }
      named.add(identity);
    }
  }
}

function checkPlan(
  values: ReadonlyMap<DataFileName, unknown>,
  f: Findings,
  c: Catalogue,
  lines: LineTotals | null,
): void {
  const file = DATA_FILES.plan;
  const plan = values.get(file);
  if (!isObj(plan)) return;
  const leadUnit = text(plan, 'leadUnit');
  if (leadUnit !== null) unitRef(f, c, file, ['leadUnit'], leadUnit);
  for (const key of ['draftedOn', 'submittedOn', 'issuedOn']) f.date(file, plan, [], key);
  f.order(file, plan, [], ['draftedOn', 'submittedOn']);
  f.order(file, plan, [], ['submittedOn', 'issuedOn']);

  const draftedOn = validDate(plan, 'draftedOn');
  for (const key of ['legalBasis', 'fundingDecisions', 'alsoCites']) {
    for (const [number, i] of strings(plan, key)) {
      const cited = citation(f, c, file, [key, i], number);
      if (key === 'alsoCites' || !cited?.issuedOn || draftedOn === null) continue;
      if (cited.issuedOn > draftedOn) {
        f.add(
          file,
          [key, i],
          'IMPORT.CITED_BEFORE_ISSUED',
          `kế hoạch lập ngày ${draftedOn} không thể viện dẫn ${number} ban hành ngày ${cited.issuedOn}`,
          `a plan drafted on ${draftedOn} cannot cite ${number}, issued on ${cited.issuedOn}`,
        );
      }
    }
  }

  const status = text(plan, 'status');
  if (status === 'draft' || status === 'submitted') {
    const notYet =
      status === 'draft' ? ['number', 'issuedOn', 'submittedOn'] : ['number', 'issuedOn'];
    for (const key of [...notYet, 'approval']) {
      if (plan[key] === undefined || plan[key] === null) continue;
      f.add(
        file,
        [key],
        'IMPORT.PLAN_STATUS',
        `kế hoạch ở trạng thái ${status} không có ${key} (chỉ khi status: ${key === 'submittedOn' ? 'submitted hoặc approved' : 'approved'})`,
        `a ${status} plan has no ${key} (only with status: ${key === 'submittedOn' ? 'submitted or approved' : 'approved'})`,
      );
    }
  }
  const approval = plan.approval;
  if (isObj(approval)) {
    const approvedBy = text(approval, 'approvedBy');
    if (approvedBy !== null)
      personRef(f, c, file, ['approval', 'approvedBy'], approvedBy, 'approver');
  }

  const codes = new Map<string, number>();
  for (const [part, i] of objects(plan, 'parts')) {
    const code = text(part, 'code');
    if (code === null) continue;
    if (codes.has(code)) f.duplicate(file, ['parts', i, 'code'], 'Tiểu dự án', code);
    codes.set(code, i);
  }
  const activityIds = new Set<string>();
  for (const [activity, i] of objects(plan, 'activities')) {
    const id = text(activity, 'id');
    if (id !== null && activityIds.has(id))
      f.duplicate(file, ['activities', i, 'id'], 'Hoạt động', id);
    if (id !== null) activityIds.add(id);
    const part = text(activity, 'programPart');
    if (part !== null && !codes.has(part)) {
      f.add(
        file,
        ['activities', i, 'programPart'],
        'IMPORT.UNKNOWN_PART',
        `tiểu dự án ${part} không có trong parts của kế hoạch`,
        `program part ${part} is not among the plan's parts`,
      );
    }
    const outputIds = new Set<string>();
    for (const [output, j] of objects(activity, 'outputs')) {
      const outputId = text(output, 'id');
      if (outputId !== null && outputIds.has(outputId)) {
        f.duplicate(file, ['activities', i, 'outputs', j, 'id'], 'Sản phẩm', outputId);
      }
      if (outputId !== null) outputIds.add(outputId);
    }
  }

  if (lines) checkTotals(f, plan, codes, lines);
}

/** The money on the lines of each part is exactly the part's budget in the plan. */
function checkTotals(
  f: Findings,
  plan: Obj,
  codes: ReadonlyMap<string, number>,
  lines: LineTotals,
): void {
  const planYear = typeof plan.fiscalYear === 'number' ? plan.fiscalYear : null;
  if (lines.fiscalYear !== null && planYear !== null && lines.fiscalYear !== planYear) {
    f.add(
      DATA_FILES.lines,
      ['fiscalYear'],
      'IMPORT.FISCAL_YEAR',
      `năm ngân sách ${lines.fiscalYear} khác năm của plan.yaml (${planYear})`,
      `fiscal year ${lines.fiscalYear} differs from plan.yaml's (${planYear})`,
    );
    return;
  }
  for (const [part, i] of lines.parts) {
    if (codes.has(part)) continue;
    f.add(
      DATA_FILES.lines,
      ['lines', i, 'programPart'],
      'IMPORT.UNKNOWN_PART',
      `tiểu dự án ${part} không có trong plan.yaml (parts)`,
      `program part ${part} is not in plan.yaml (parts)`,
    );
  }
  for (const [part, i] of objects(plan, 'parts')) {
    const code = text(part, 'code');
    const budget = money(part, 'budgetAmount');
    if (code === null || budget === null) continue;
    const sum = lines.byPart.has(code) ? (lines.byPart.get(code) ?? null) : 0n;
    if (sum === null || sum === budget) continue;
    const gap = sum > budget ? sum - budget : budget - sum;
    f.add(
      DATA_FILES.plan,
      ['parts', i, 'budgetAmount'],
      'IMPORT.PART_TOTAL',
      `kinh phí ${code} là ${formatMoney(budget)} đồng nhưng các dòng của nó trong budget-lines.yaml cộng lại ${formatMoney(sum)} đồng (${sum > budget ? 'thừa' : 'thiếu'} ${formatMoney(gap)} đồng)`,
      `${code}'s budget is ${formatMoney(budget)} đồng but its lines in budget-lines.yaml add up to ${formatMoney(sum)} đồng (${formatMoney(gap)} đồng ${sum > budget ? 'too much' : 'short'})`,
    );
  }
}

/** A step's person must be in people.yaml: the rules (role, unit, dates) are the API's. */
function knownPerson(f: Findings, c: Catalogue, path: PathSegments, id: string | null): void {
  if (id === null || c.people.has(id)) return;
  f.add(
    DATA_FILES.payments,
    path,
    'IMPORT.UNKNOWN_PERSON',
    `người dùng ${id} không có trong people.yaml`,
    `person ${id} is not in people.yaml`,
  );
}

/** Payments: each id once, every person named known, real dates. */
function checkPayments(
  values: ReadonlyMap<DataFileName, unknown>,
  f: Findings,
  c: Catalogue,
): void {
  const file = DATA_FILES.payments;
  const ids = new Set<string>();
  for (const [payment, i] of objects(values.get(file), 'payments')) {
    const path = ['payments', i];
    const id = text(payment, 'id');
    if (id !== null && ids.has(id)) f.duplicate(file, [...path, 'id'], 'Mã khoản chi', id);
    if (id !== null) ids.add(id);
    knownPerson(f, c, [...path, 'proposedBy'], text(payment, 'proposedBy'));
    f.date(file, payment, path, 'proposedOn');
    for (const list of ['signatures', 'treasury', 'settlements', 'recoveries']) {
      for (const [step, j] of objects(payment, list)) {
        knownPerson(f, c, [...path, list, j, 'by'], text(step, 'by'));
        f.date(file, step, [...path, list, j], 'on');
      }
    }
  }
}

/** Every cross-file problem of a data set whose files are parsed (schema-valid or not). */
export function crossCheck(files: ReadonlyMap<DataFileName, ParsedFile>): ImportProblem[] {
  const values = new Map<DataFileName, unknown>(
    [...files].map(([name, parsed]) => [name, parsed.value]),
  );
  const f = new Findings(files);
  const c = catalogue(values, f);
  checkDocuments(values, f);
  checkUnits(values, f);
  checkPeople(values, f, c);
  const lines = values.has(DATA_FILES.lines) ? checkLines(values, f, c) : null;
  checkPlan(values, f, c, lines);
  checkPayments(values, f, c);
  return f.problems;
}
