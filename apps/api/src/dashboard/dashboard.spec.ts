import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@app/budgeting';
import { CredentialStore, SqliteCredentials, SqliteSessionStore } from '@app/api-state';
import { safeNext } from './dashboard-auth.controller';
import { DashboardSessions, SESSION_TTL_MS } from './dashboard-sessions';
import { date, instant, money, parseDate, parseKnownAt, rate } from './format';
import { html } from './html';
import { canSeeUnit } from './visibility';

const actor = (role: Actor['role'], unit: string | null): Actor => ({
  userId: `u-${role}`,
  name: role,
  role,
  unit,
});

describe('dashboard pages, piece by piece', () => {
  describe('when ledger text reaches the page', () => {
    it('escapes every value and keeps fragments built by html as they are', () => {
      const payee = `<script>alert("x")</script> & 'co'`;
      const cell = html`<td title="${payee}">${payee}</td>`;
      expect(cell.value).toBe(
        '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">' +
          '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</td>',
      );
      const cells = [cell, null, false, undefined, 0];
      expect(html`[${cells}]`.value).toBe(`[${cell.value}0]`);
    });
  });

  describe('when deciding who sees a line', () => {
    it('shows officers and accountants of a unit only their unit, everyone else everything', () => {
      expect(canSeeUnit(actor('officer', 'TCKH'), 'LDTBXH')).toBe(false);
      expect(canSeeUnit(actor('accountant', 'TCKH'), 'LDTBXH')).toBe(false);
      expect(canSeeUnit(actor('officer', 'LDTBXH'), 'LDTBXH')).toBe(true);
      expect(canSeeUnit(actor('officer', 'LDTBXH'), null)).toBe(false);
      expect(canSeeUnit(actor('officer', null), 'LDTBXH')).toBe(true);
      for (const role of ['approver', 'auditor', 'admin'] as const) {
        expect(canSeeUnit(actor(role, 'TCKH'), 'LDTBXH')).toBe(true);
      }
    });
  });

  describe('when formatting', () => {
    it('writes money and dates the Vietnamese way, and the English way on request', () => {
      expect(money('2444771300', 'vi')).toBe('2.444.771.300');
      expect(money(2444771300n, 'en')).toBe('2,444,771,300');
      expect(date('2024-03-19', 'vi')).toBe('19/3/2024');
      expect(date('2024-03-19', 'en')).toBe('19 Mar 2024');
      expect(instant('2024-06-01T03:05:00.000Z', 'vi')).toBe('10:05 1/6/2024');
      expect(rate(120000000n, 1470000000n, 'vi')).toBe('8,16 %');
      expect(rate(1n, 0n, 'vi')).toBe('—');
    });

    it('reads a typed date day first, and the ISO date of its own links, but no impossible day', () => {
      expect(parseDate('31/5/2024')).toBe('2024-05-31');
      expect(parseDate(' 01/06/2024 ')).toBe('2024-06-01');
      expect(parseDate('2024-05-31')).toBe('2024-05-31');
      expect(parseDate('31/2/2024')).toBeNull();
      expect(parseDate('5/31/2024')).toBeNull();
      expect(parseDate('31/5/1999')).toBeNull();
      expect(parseDate('31.5.2024')).toBeNull();
    });

    it('reads a known-at instant as Vietnam time unless it names its zone', () => {
      expect(parseKnownAt('2024-06-01T10:00')).toBe('2024-06-01T03:00:00.000Z');
      expect(parseKnownAt('2024-06-01T10:00:00Z')).toBe('2024-06-01T10:00:00.000Z');
      expect(parseKnownAt('yesterday')).toBeNull();
      expect(parseKnownAt('2024-13-01T10:00')).toBeNull();
    });
  });

  describe('when sending a signed-in user on', () => {
    it('goes only to paths of this site', () => {
      expect(safeNext('/approvals?approver=u-1')).toBe('/approvals?approver=u-1');
      expect(safeNext('//evil.example/')).toBe('/');
      expect(safeNext('https://evil.example/')).toBe('/');
      expect(safeNext('/\\evil.example')).toBe('/');
      expect(safeNext(undefined)).toBe('/');
    });
  });

  describe('when a session is open', () => {
    let dir: string;
    let credentials: CredentialStore;
    let sessions: DashboardSessions;
    let sessionStore: SqliteSessionStore;
    let token: string;
    const t0 = new Date('2024-07-01T01:00:00Z');

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'dashboard-sessions-'));
      credentials = new CredentialStore(join(dir, 'auth.sqlite'));
      credentials.upsertUser({ id: 'u-1', name: 'Kiểm toán viên', role: 'auditor' });
      token = credentials.issueToken('u-1');
      sessionStore = new SqliteSessionStore(join(dir, 'auth.sqlite'));
      sessions = new DashboardSessions(new SqliteCredentials(credentials), sessionStore);
    });

    afterEach(async () => {
      await sessionStore.close();
      credentials.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a wrong token and gives an opaque id for a good one', async () => {
      expect(await sessions.open('bt_wrong', t0)).toBeNull();
      const id = await sessions.open(token, t0);
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(id).not.toContain(token.slice(3));
      expect((await sessions.user(id, t0))?.actor.name).toBe('Kiểm toán viên');
    });

    it('ends after 8 hours', async () => {
      const id = await sessions.open(token, t0);
      const before = new Date(t0.getTime() + SESSION_TTL_MS - 1000);
      expect(await sessions.user(id, before)).not.toBeNull();
      expect(await sessions.user(id, new Date(t0.getTime() + SESSION_TTL_MS))).toBeNull();
    });

    it('ends when its token is revoked, and at sign-out', async () => {
      const id = await sessions.open(token, t0);
      credentials.revokeToken(CredentialStore.hashToken(token));
      expect(await sessions.user(id, t0)).toBeNull();
      const again = await sessions.open(credentials.issueToken('u-1'), t0);
      await sessions.close(again);
      expect(await sessions.user(again, t0)).toBeNull();
    });

    it('keeps only hashes: neither the cookie value nor the token is in the store', async () => {
      const id = await sessions.open(token, t0);
      const raw = readFileSync(join(dir, 'auth.sqlite')).toString('latin1');
      const wal = readFileSync(join(dir, 'auth.sqlite-wal')).toString('latin1');
      for (const secret of [id ?? 'missing', token]) {
        expect(raw).not.toContain(secret);
        expect(wal).not.toContain(secret);
      }
    });
  });
});
