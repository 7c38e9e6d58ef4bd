import { CredentialStore } from '@app/api-state';
import { describeOnApiStateBackends } from '../support/api-state-backends';

const AUTHORITY = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: ['DA7'],
  units: ['BATO'],
  validFrom: '2024-01-01',
  validTo: null,
};

describeOnApiStateBackends('Credentials', (backend) => {
  it('creates, updates and lists users, keeping the creation time', async () => {
    const { credentials } = await backend.replica();
    const t0 = new Date('2024-07-01T00:00:00Z');
    await credentials.upsertUser(
      { id: 'u-a', name: 'Đinh Văn A', role: 'officer', unit: 'BATO' },
      t0,
    );
    await credentials.upsertUser(
      { id: 'u-b', name: 'Phạm Thị B', role: 'approver', authority: AUTHORITY },
      new Date('2024-07-02T00:00:00Z'),
    );
    await credentials.upsertUser(
      { id: 'u-a', name: 'Đinh Văn A2', role: 'accountant', active: false },
      new Date('2024-08-01T00:00:00Z'),
    );
    expect(await credentials.getUser('u-a')).toEqual({
      actor: { userId: 'u-a', name: 'Đinh Văn A2', role: 'accountant', unit: null },
      authority: null,
      active: false,
      createdAt: t0.toISOString(),
    });
    expect(await credentials.getUser('u-none')).toBeNull();
    const listed = await credentials.listUsers();
    expect(listed.map((u) => u.actor.userId)).toEqual(['u-a', 'u-b']);
    expect(listed[1]?.authority).toEqual(AUTHORITY);
    await expect(
      credentials.upsertUser({ id: 'u-c', name: 'C', role: 'king' as never }),
    ).rejects.toThrow(/Unknown role/);
    await expect(credentials.upsertUser({ id: ' ', name: 'C', role: 'officer' })).rejects.toThrow(
      /needs an id/,
    );
  });

  it('authenticates a live token, by itself or by its hash, and nothing else', async () => {
    const { credentials } = await backend.replica();
    await credentials.upsertUser({
      id: 'u-b',
      name: 'Phạm Thị B',
      role: 'approver',
      authority: AUTHORITY,
    });
    const token = await credentials.issueToken('u-b');
    expect(token).toMatch(/^bt_[A-Za-z0-9_-]{43}$/);
    const expected = {
      actor: { userId: 'u-b', name: 'Phạm Thị B', role: 'approver', unit: null },
      authority: AUTHORITY,
    };
    expect(await credentials.authenticate(token)).toEqual(expected);
    expect(await credentials.authenticateHash(CredentialStore.hashToken(token))).toEqual(expected);
    for (const wrong of ['', 'not-a-token', `bt_${'A'.repeat(43)}`, `${token}x`]) {
      expect(await credentials.authenticate(wrong)).toBeNull();
    }
    expect(await credentials.authenticateHash('0'.repeat(64))).toBeNull();
    await expect(credentials.issueToken('u-none')).rejects.toThrow(/Unknown user/);
  });

  it('refuses expired and revoked tokens and the tokens of inactive users', async () => {
    const { credentials } = await backend.replica();
    const now = new Date('2024-07-01T00:00:00Z');
    await credentials.upsertUser({ id: 'u-a', name: 'A', role: 'auditor' });
    const expiring = await credentials.issueToken('u-a', new Date('2024-07-01T01:00:00Z'), now);
    expect(await credentials.authenticate(expiring, now)).not.toBeNull();
    expect(await credentials.authenticate(expiring, new Date('2024-07-01T01:00:00Z'))).toBeNull();

    const revoked = await credentials.issueToken('u-a');
    // Verified once (a store may remember it), then revoked: refused from the next request.
    expect(await credentials.authenticate(revoked)).not.toBeNull();
    expect(await credentials.revokeToken(CredentialStore.hashToken(revoked))).toBe(true);
    expect(await credentials.revokeToken(CredentialStore.hashToken(revoked))).toBe(false);
    expect(await credentials.authenticate(revoked)).toBeNull();

    const kept = await credentials.issueToken('u-a');
    expect(await credentials.authenticate(kept)).not.toBeNull();
    await credentials.upsertUser({ id: 'u-a', name: 'A', role: 'auditor', active: false });
    expect(await credentials.authenticate(kept)).toBeNull();
    await credentials.upsertUser({ id: 'u-a', name: 'A', role: 'auditor' });
    expect(await credentials.authenticate(kept)).not.toBeNull();
  });

  it('revokes every live token of a user at once', async () => {
    const { credentials } = await backend.replica();
    await credentials.upsertUser({ id: 'u-a', name: 'A', role: 'officer' });
    await credentials.upsertUser({ id: 'u-b', name: 'B', role: 'officer' });
    const a1 = await credentials.issueToken('u-a');
    const a2 = await credentials.issueToken('u-a');
    const b1 = await credentials.issueToken('u-b');
    await credentials.revokeToken(CredentialStore.hashToken(a2));
    expect(await credentials.revokeUserTokens('u-a')).toBe(1);
    expect(await credentials.revokeUserTokens('u-a')).toBe(0);
    expect(await credentials.authenticate(a1)).toBeNull();
    expect(await credentials.authenticate(b1)).not.toBeNull();
  });

  it('is one store for every replica: a token issued on one works on another, until revoked there', async () => {
    const a = await backend.replica();
    const b = await backend.replica();
    await a.credentials.upsertUser({ id: 'u-a', name: 'A', role: 'officer' });
    const token = await a.credentials.issueToken('u-a');
    expect((await b.credentials.authenticate(token))?.actor.userId).toBe('u-a');
    // Both have verified it (and may remember it): a change made on one counts on the other
    // from its next request, never after a delay.
    expect((await a.credentials.authenticate(token))?.actor.userId).toBe('u-a');
    expect(await b.credentials.revokeUserTokens('u-a')).toBe(1);
    expect(await a.credentials.authenticate(token)).toBeNull();
    const other = await a.credentials.issueToken('u-a');
    expect((await b.credentials.authenticate(other))?.actor.role).toBe('officer');
    await a.credentials.upsertUser({ id: 'u-a', name: 'A', role: 'auditor' });
    expect((await b.credentials.authenticate(other))?.actor.role).toBe('auditor');
    await a.credentials.upsertUser({ id: 'u-a', name: 'A', role: 'auditor', active: false });
    expect(await b.credentials.authenticate(other)).toBeNull();
  });
});
