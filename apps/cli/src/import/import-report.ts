import type { ImportProblem, ImportResult } from '@app/application';
import { formatMoney, type Messages } from '@app/budgeting';

/** Where a problem is: `budget-lines.yaml: lines[3].amount (dòng 42)`. */
function place(problem: ImportProblem, language: 'vi' | 'en'): string {
  const where = problem.path === '' ? problem.file : `${problem.file}: ${problem.path}`;
  if (problem.line === null) return where;
  return `${where} (${language === 'vi' ? 'dòng' : 'line'} ${problem.line})`;
}

/** Every problem, in both languages, for stderr. */
export function problemsText(folder: string, problems: readonly ImportProblem[]): string {
  const head =
    `Bộ dữ liệu ${folder} có ${problems.length} lỗi — chưa ghi gì vào sổ.\n` +
    `The data set ${folder} has ${problems.length} problem(s) — nothing was recorded.\n`;
  const items = problems.map(
    (p, i) =>
      `${String(i + 1).padStart(3)}. ${place(p, 'vi')}\n` +
      `     ${p.message.vi}\n` +
      `     ${p.message.en} [${p.code}]\n`,
  );
  return head + items.join('');
}

/** The `--json` document of a refused set. */
export function problemsJson(dataSet: string, problems: readonly ImportProblem[]): object {
  return {
    dataSet,
    problems: problems.map((p) => ({
      file: p.file,
      path: p.path,
      line: p.line,
      code: p.code,
      message: p.message,
    })),
  };
}

export interface ImportOutcome extends ImportResult {
  readonly accountsCreated: readonly string[];
}

/** The `--json` document of an import: counts, amounts as strings of whole đồng. */
export function resultJson(outcome: ImportOutcome): object {
  const { amounts } = outcome;
  return {
    dataSet: outcome.dataSet,
    imported: outcome.imported,
    amounts: {
      allocated: amounts.allocated.toString(),
      carriedIn: amounts.carriedIn.toString(),
      total: amounts.total.toString(),
    },
    events: outcome.events,
    alreadyPresent: outcome.alreadyPresent,
    accountsCreated: outcome.accountsCreated,
  };
}

/** The Vietnamese (or English) summary people read. */
export function summary(outcome: ImportOutcome, dataDir: string): Messages {
  const c = outcome.imported;
  const a = outcome.amounts;
  const dong = (amount: bigint): string => `${formatMoney(amount)} đồng`;
  const recorded: Messages = outcome.alreadyPresent
    ? {
        vi: 'Bộ dữ liệu đã có sẵn trong sổ: không ghi thêm sự kiện nào.',
        en: 'The data set was already in the ledger: no event recorded.',
      }
    : { vi: `Đã ghi ${outcome.events} sự kiện.`, en: `${outcome.events} event(s) recorded.` };
  const accounts: Messages =
    outcome.accountsCreated.length === 0
      ? { vi: '', en: '' }
      : {
          vi: `\n  Tài khoản mới, chưa có mã truy cập (import không bao giờ cấp mã): ${outcome.accountsCreated.join(', ')}`,
          en: `\n  New accounts, with no token yet (an import never issues one): ${outcome.accountsCreated.join(', ')}`,
        };
  return {
    vi:
      `Đã nhập bộ dữ liệu "${outcome.dataSet}" vào ${dataDir}:\n` +
      `  ${c.units} đơn vị, ${c.documents} văn bản, ${c.people} người dùng (${c.delegations} ủy quyền), ` +
      `${c.lines} dòng ngân sách (${c.allocations} giao dự toán, ${c.carryOvers} chuyển nguồn${c.extensions > 0 ? `, ${c.extensions} quyết định gia hạn` : ''}), ` +
      `${c.plans} kế hoạch (${c.activities} hoạt động)${c.payments > 0 ? `, ${c.payments} khoản chi` : ''}\n` +
      `  Tổng kinh phí: ${dong(a.total)} (giao dự toán ${dong(a.allocated)}, chuyển nguồn ${dong(a.carriedIn)})\n` +
      `  ${recorded.vi}${accounts.vi}`,
    en:
      `Imported the data set "${outcome.dataSet}" into ${dataDir}:\n` +
      `  ${c.units} unit(s), ${c.documents} document(s), ${c.people} user(s) (${c.delegations} delegation(s)), ` +
      `${c.lines} budget line(s) (${c.allocations} allocation(s), ${c.carryOvers} carry-over(s)${c.extensions > 0 ? `, ${c.extensions} deadline extension(s)` : ''}), ` +
      `${c.plans} plan(s) (${c.activities} activities)${c.payments > 0 ? `, ${c.payments} payment(s)` : ''}\n` +
      `  Total funds: ${dong(a.total)} (allocated ${dong(a.allocated)}, carried over ${dong(a.carriedIn)})\n` +
      `  ${recorded.en}${accounts.en}`,
  };
}
