import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExampleLoader } from '@app/api';
import { ApiHarness } from './support/api-harness';
import { budget } from './support/budget-cli';

/**
 * The README has a new user add their accounts with `budget users add` before the first
 * `npm start`: those users (and an approver's delegation) are recorded in the log, and
 * must not make the example loader take the log for someone's own books and skip the
 * example. A log that holds any other event still keeps the example out.
 */
describe('the example on a first start after `budget users add`', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-first-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the example when the log holds only users and their delegations', async () => {
    const added = await budget(dir, 'users', 'add', 'Quản trị (thử)', '--role', 'admin');
    expect(added.code).toBe(0);
    const approver = await budget(
      dir,
      ...['users', 'add', 'Phó Chủ tịch (thử)', '--role', 'approver'],
      ...['--capacity', 'KT. Chủ tịch', '--title', 'Phó Chủ tịch', '--from', '2024-01-01'],
    );
    expect(approver.code).toBe(0);

    const api = await ApiHarness.start({ BUDGET_DATA_DIR: dir, BUDGET_NO_EXAMPLE: '0' });
    try {
      const state = api.app.get(ExampleLoader).state;
      expect(state).toMatchObject({ kind: 'loaded', resumed: false });
      const lines = await api.store.readAll({ maxCount: 10_000 });
      expect(lines.some((e) => e.type === 'FundsAllocated')).toBe(true);
    } finally {
      await api.stop();
    }
  }, 120_000);

  it('leaves a log alone that holds other events and none of the example', async () => {
    const first = await ApiHarness.start({ BUDGET_DATA_DIR: dir, BUDGET_NO_EXAMPLE: '1' });
    try {
      const admin = first.user('Quản trị', 'admin');
      await first
        .post('/api/v1/units', admin, {
          code: 'THU',
          name: 'Đơn vị thử',
          kind: 'district_agency',
          validFrom: '2024-01-01',
        })
        .expect(201);
    } finally {
      await first.stop();
    }
    const again = await ApiHarness.start({ BUDGET_DATA_DIR: dir, BUDGET_NO_EXAMPLE: '0' });
    try {
      expect(again.app.get(ExampleLoader).state).toMatchObject({ kind: 'skipped' });
      const events = await again.store.readAll({ maxCount: 10_000 });
      expect(events.map((e) => e.type)).toEqual(['SpendingUnitRegistered']);
    } finally {
      await again.stop();
    }
  }, 120_000);
});
