// A small program written against the client generated from the API's OpenAPI document
// (openapi-typescript + openapi-fetch). The test copies it next to the generated
// `schema.d.ts`, type-checks it strictly, then runs it against a real server: if the
// document lacks a parameter, a body or a success schema, this does not compile.
// (Outside the project's tsconfig: schema.d.ts exists only once the test generated it.)
import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** JSON answers only (the reads that also download CSV/XLSX are asked for JSON here). */
function client(token: string) {
  return createClient<paths, 'application/json'>({
    baseUrl: process.env.LEDGER_URL ?? 'http://localhost:3000',
    headers: { Authorization: `Bearer ${token}` },
  });
}

async function main(): Promise<void> {
  const officer = client(process.env.OFFICER_TOKEN ?? '');
  const approver = client(process.env.APPROVER_TOKEN ?? '');

  const listed = await officer.GET('/api/v1/budget-lines', {
    params: { query: { fiscalYear: 2024 } },
  });
  if (!listed.data) throw new Error(`listing lines failed: ${JSON.stringify(listed.error)}`);
  const line = listed.data.lines.find((l) => !l.carriedOver && BigInt(l.available) >= 2_500_000n);
  if (!line) throw new Error('no line with money available');

  const proposed = await officer.POST('/api/v1/expenditures', {
    params: { header: { 'Idempotency-Key': `client-propose-${line.id}` } },
    body: {
      budgetLineId: line.id,
      amount: '2500000',
      category: 'training',
      description: 'Tập huấn cán bộ giảm nghèo cấp xã',
      payee: 'Trung tâm Chính trị huyện Ba Tơ',
      effectiveDate: '2024-06-03',
    },
  });
  if (!proposed.data) throw new Error(`proposing failed: ${JSON.stringify(proposed.error)}`);

  const approved = await approver.POST('/api/v1/expenditures/{id}/approve', {
    params: {
      path: { id: proposed.data.id },
      header: { 'Idempotency-Key': `client-approve-${proposed.data.id}` },
    },
    body: {},
  });
  if (!approved.data) throw new Error(`approving failed: ${JSON.stringify(approved.error)}`);

  const after = await officer.GET('/api/v1/budget-lines/{id}', {
    params: { path: { id: line.id } },
  });
  if (!after.data) throw new Error(`reading the line failed: ${JSON.stringify(after.error)}`);

  process.stdout.write(
    `${JSON.stringify({
      lines: listed.data.lines.length,
      line: line.id,
      expenditure: proposed.data.id,
      approvedAt: approved.data.position,
      committedBefore: line.committed,
      committedAfter: after.data.committed,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
