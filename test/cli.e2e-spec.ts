import { SqliteEventStore } from '@app/event-store';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiHarness } from './support/api-harness';

const BIN = join(__dirname, '..', 'bin', 'budget.js');
const TOKEN = /bt_[A-Za-z0-9_-]{43}/;
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawnRun(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The real bin in a child process, from another folder, as an administrator runs it. */
function budget(dataDir: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, BUDGET_DATA_DIR: dataDir };
  delete env.BUDGET_LANG;
  delete env.EVENT_STORE;
  return spawnRun(process.execPath, [BIN, ...args], tmpdir(), env);
}

/** Parses stdout as exactly one JSON document (JSON.parse refuses anything around it). */
function oneDocument(run: Run): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

async function addUser(dataDir: string, ...args: string[]): Promise<{ id: string; token: string }> {
  const run = await budget(dataDir, 'users', 'add', ...args, '--json');
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return oneDocument(run) as { id: string; token: string };
}

describe('the budget command', () => {
  let dataDir: string;

  it('runs as `npx budget` from the project, offline, with no build step', async () => {
    // From a subfolder, as people do; --offline: never ask the registry for a "budget".
    const help = await spawnRun(
      'npx',
      ['--offline', 'budget', '--help'],
      join(__dirname, '..', 'apps'),
      {
        ...process.env,
        npm_config_yes: 'false',
      },
    );

    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: budget /);
    expect(help.stdout).toContain('users');
    expect(help.stdout).toContain('verify');
  });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'budget-cli-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('users add', () => {
    it('creates a user and prints its token once, in Vietnamese', async () => {
      const run = await budget(
        dataDir,
        'users',
        'add',
        'Nguyễn Văn An',
        '--role',
        'officer',
        '--unit',
        'LDTBXH',
      );

      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(
        /^Đã tạo người dùng "Nguyễn Văn An" \(u-[0-9a-f]{12}, vai trò officer/,
      );
      expect(run.stdout).toMatch(
        new RegExp(`Mã truy cập \\(chỉ hiện một lần\\): ${TOKEN.source}\\n`),
      );
    });

    it('prints exactly one JSON document {"id","token"} with --json', async () => {
      const run = await budget(
        dataDir,
        'users',
        'add',
        'Kế toán',
        '--role',
        'accountant',
        '--unit',
        'LDTBXH',
        '--json',
      );

      expect(run).toMatchObject({ code: 0, stderr: '' });
      const document = oneDocument(run);
      expect(Object.keys(document).sort()).toEqual(['id', 'token']);
      expect(document.id).toMatch(/^u-[0-9a-f]{12}$/);
      expect(document.token).toMatch(new RegExp(`^${TOKEN.source}$`));
    });

    it('honours --data over BUDGET_DATA_DIR', async () => {
      const other = mkdtempSync(join(tmpdir(), 'budget-cli-other-'));
      try {
        const run = await budget(
          dataDir,
          'users',
          'add',
          'An',
          '--role',
          'auditor',
          '--data',
          other,
          '--json',
        );
        expect(run.code).toBe(0);
        const listed = oneDocument(await budget(other, 'users', 'list', '--json'));
        expect(listed.users).toEqual([expect.objectContaining({ id: oneDocument(run).id })]);
        expect(oneDocument(await budget(dataDir, 'users', 'list', '--json')).users).toEqual([]);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });

    describe('when the command line is wrong', () => {
      it('refuses an unknown role with exit 2, naming --role in both languages', async () => {
        const run = await budget(dataDir, 'users', 'add', 'An', '--role', 'boss');

        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain('--role: vai trò không hợp lệ "boss"');
        expect(run.stderr).toContain('--role: unknown role "boss"');
      });

      it.each([
        [
          ['--role', 'officer', '--capacity', 'KT. Chủ tịch'],
          '--capacity: only for the approver role',
        ],
        [['--role', 'approver'], '--capacity: an approver needs the capacity it signs in'],
        [
          ['--role', 'approver', '--capacity', 'KT. Chủ tịch', '--from', '2024-02-30'],
          '--from: invalid date "2024-02-30"',
        ],
        [['--role', 'officer', '--expires', 'tomorrow'], '--expires: invalid instant "tomorrow"'],
      ])('refuses %j with exit 2', async (args, english) => {
        const run = await budget(dataDir, 'users', 'add', 'An', ...args);

        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(english);
        expect(run.stderr).toContain('Lệnh không hợp lệ');
      });

      it('refuses an unquoted name with spaces rather than keep its first word', async () => {
        const run = await budget(
          dataDir,
          'users',
          'add',
          'Nguyễn',
          'Văn',
          'An',
          '--role',
          'officer',
        );

        expect(run.code).toBe(2);
        expect(run.stderr).toContain('quá nhiều đối số');
        expect(run.stderr).toContain('too many arguments');
        expect(oneDocument(await budget(dataDir, 'users', 'list', '--json')).users).toEqual([]);
      });

      it('refuses an unknown option with exit 2', async () => {
        const run = await budget(dataDir, 'users', 'add', 'An', '--rol', 'officer');

        expect(run.code).toBe(2);
        expect(run.stderr).toContain("không có tùy chọn '--rol'");
        expect(run.stderr).toContain("unknown option '--rol'");
      });
    });
  });

  describe('users in the event log', () => {
    it('records the user and an approver delegation with its decision, and warns when no decision is given', async () => {
      const approver = await addUser(
        dataDir,
        'Lữ Đình Tích',
        '--role',
        'approver',
        '--capacity',
        'KT. Chủ tịch',
        '--from',
        '2024-01-01',
        '--basis',
        '45/QĐ-UBND',
      );
      const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
      try {
        const events = await store.readStream(`user-${approver.id}`);
        expect(events.map((e) => e.type)).toEqual(['UserRegistered', 'AuthorityDelegated']);
        expect(events[1]?.data).toMatchObject({
          legalBasis: ['45/QĐ-UBND'],
          authority: { capacity: 'KT. Chủ tịch' },
        });
      } finally {
        await store.close();
      }
      const unbased = await budget(
        dataDir,
        'users',
        'add',
        'Phó Chủ tịch khác',
        '--role',
        'approver',
        '--capacity',
        'KT. Chủ tịch',
        '--json',
      );
      expect(unbased.code).toBe(0);
      expect(unbased.stderr).toContain('--basis');
    });
  });

  describe('users list and revoke', () => {
    it('lists users with their delegation and never a token or its hash', async () => {
      const approver = await addUser(
        dataDir,
        'Lữ Đình Tích',
        '--role',
        'approver',
        '--capacity',
        'KT. Chủ tịch',
        '--title',
        'Phó Chủ tịch',
        '--scope',
        'DA6,DA7.TDA1',
        '--from',
        '2024-01-01',
        '--to',
        '2025-06-30',
        '--basis',
        '45/QĐ-UBND',
      );

      const json = await budget(dataDir, 'users', 'list', '--json');
      const human = await budget(dataDir, 'users', 'list');

      expect(oneDocument(json)).toEqual({
        users: [
          {
            id: approver.id,
            name: 'Lữ Đình Tích',
            role: 'approver',
            unit: null,
            authority: {
              capacity: 'KT. Chủ tịch',
              title: 'Phó Chủ tịch',
              programParts: ['DA6', 'DA7.TDA1'],
              units: [],
              validFrom: '2024-01-01',
              validTo: '2025-06-30',
            },
            active: true,
            createdAt: expect.any(String),
          },
        ],
      });
      expect(human.stdout).toContain(approver.id);
      expect(human.stdout).toContain('KT. Chủ tịch (Phó Chủ tịch) [DA6,DA7.TDA1]');
      for (const output of [json.stdout, human.stdout]) {
        expect(output).not.toMatch(TOKEN);
        expect(output).not.toMatch(/[0-9a-f]{64}/);
      }
    });

    it('fails with exit 1 to revoke an unknown user', async () => {
      const run = await budget(dataDir, 'users', 'revoke', 'u-000000000000');

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('USER.NOT_FOUND');
    });
  });

  describe('tokens against the API on the same data folder', () => {
    let api: ApiHarness;

    beforeEach(async () => {
      api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir });
    });

    afterEach(async () => {
      await api.stop();
    });

    it('authenticates the printed tokens, with their roles and delegation, until revoked', async () => {
      const admin = await addUser(dataDir, 'Quản trị', '--role', 'admin');
      const officerRun = await budget(
        dataDir,
        'users',
        'add',
        'Cán bộ',
        '--role',
        'officer',
        '--unit',
        'LDTBXH',
      );
      const officer = TOKEN.exec(officerRun.stdout)?.[0] ?? '';
      const approver = await addUser(
        dataDir,
        'Lữ Đình Tích',
        '--role',
        'approver',
        '--capacity',
        'KT. Chủ tịch',
        '--from',
        '2024-01-01',
        '--basis',
        '45/QĐ-UBND',
      );

      await api.registerReference(admin.token, ['LDTBXH']);
      await api
        .post('/api/v1/allocations', admin.token, {
          fiscalYear: 2024,
          programPart: 'DA7.TDA1',
          fundSource: 'central',
          sourceYear: 2024,
          unit: 'LDTBXH',
          amount: '1000000',
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
      const proposed = await api
        .post('/api/v1/expenditures', officer, {
          budgetLineId: LINE,
          amount: '600000',
          category: 'training',
          description: 'Tập huấn nâng cao năng lực cán bộ giảm nghèo',
          payee: 'Trung tâm Chính trị huyện',
          effectiveDate: '2024-05-10',
        })
        .expect(201);
      const id = (proposed.body as { id: string }).id;
      await api.post(`/api/v1/expenditures/${id}/approve`, approver.token, {}).expect(200);
      await api.get('/api/v1/audit/verify', officer).expect(403);

      const revoked = await budget(dataDir, 'users', 'revoke', admin.id);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toContain(`Đã thu hồi 1 mã truy cập của ${admin.id}`);
      await api.get(`/api/v1/budget-lines/${LINE}`, admin.token).expect(401);
      await api.get(`/api/v1/budget-lines/${LINE}`, officer).expect(200);
    });
  });

  describe('verify', () => {
    it('passes an empty store with exit 0 and creates nothing', async () => {
      const run = await budget(dataDir, 'verify');

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('Sổ sự kiện toàn vẹn: đã kiểm tra 0 sự kiện');
      expect(oneDocument(await budget(dataDir, 'verify', '--json'))).toEqual({
        ok: true,
        eventsChecked: 0,
        lastPosition: null,
      });
      expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(false);
    });

    describe('when a recorded event was changed in the database', () => {
      let tampered: bigint;

      beforeEach(async () => {
        const api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir });
        try {
          const admin = api.user('Quản trị', 'admin');
          await api.registerReference(admin, ['LDTBXH', 'YTE']);
          for (const [unit, amount] of [
            ['LDTBXH', '1000000'],
            ['YTE', '2000000'],
          ] as const) {
            await api
              .post('/api/v1/allocations', admin, {
                fiscalYear: 2024,
                programPart: 'DA7.TDA1',
                fundSource: 'central',
                sourceYear: 2024,
                unit,
                amount,
                decision: '30/QĐ-UBND',
                effectiveDate: '2024-03-25',
              })
              .expect(201);
          }
        } finally {
          await api.stop();
        }
        expect((await budget(dataDir, 'verify')).code).toBe(0);

        const db = new Database(join(dataDir, 'events.sqlite'));
        try {
          db.defaultSafeIntegers(true);
          const row = db
            .prepare<[], { position: bigint; data: string }>(
              `SELECT position, data FROM events WHERE data LIKE '%2000000%' ORDER BY position LIMIT 1`,
            )
            .get();
          if (!row) throw new Error('no event carries the amount to tamper with');
          tampered = row.position;
          db.exec('DROP TRIGGER events_are_immutable');
          // One byte: 2 000 000 đồng become 3 000 000.
          db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
            row.data.replace('2000000', '3000000'),
            row.position,
          );
        } finally {
          db.close();
        }
      });

      it('fails with exit 1, naming the first broken event in Vietnamese and English', async () => {
        const run = await budget(dataDir, 'verify');

        expect(run.code).toBe(1);
        expect(run.stderr).toContain(
          `Sổ sự kiện KHÔNG toàn vẹn: sự kiện hỏng đầu tiên ở vị trí ${tampered}, luồng `,
        );
        expect(run.stderr).toContain(
          `The event log is NOT intact: first broken event at position ${tampered}, stream `,
        );
        expect(run.stderr).toContain('nội dung không khớp mã băm');
        expect(run.stderr).toContain('content does not match its hash');
      });

      it('still prints one JSON document with --json', async () => {
        const run = await budget(dataDir, 'verify', '--json');

        expect(run.code).toBe(1);
        expect(oneDocument(run)).toMatchObject({
          ok: false,
          firstBroken: { position: tampered.toString(), reason: expect.stringContaining('hash') },
        });
      });
    });
  });
});
