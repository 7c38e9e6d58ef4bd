import { describeOnApiStateBackends } from '../support/api-state-backends';

const ID = '1'.repeat(64);
const TOKEN = '2'.repeat(64);

describeOnApiStateBackends('SessionStore', (backend) => {
  it('finds a session until it expires or is deleted', async () => {
    const { sessions } = await backend.replica();
    const t0 = new Date('2024-07-01T00:00:00.000Z');
    const expiresAt = new Date('2024-07-01T08:00:00.000Z');
    await sessions.create(ID, { tokenHash: TOKEN, expiresAt });
    expect(await sessions.find(ID, t0)).toEqual({ tokenHash: TOKEN, expiresAt });
    expect(await sessions.find(ID, new Date(expiresAt.getTime() - 1))).not.toBeNull();
    expect(await sessions.find(ID, expiresAt)).toBeNull();
    expect(await sessions.find('3'.repeat(64), t0)).toBeNull();
    await sessions.delete(ID);
    expect(await sessions.find(ID, t0)).toBeNull();
    await sessions.delete(ID);
  });

  it('refuses a second session under the same id', async () => {
    const { sessions } = await backend.replica();
    const expiresAt = new Date(Date.now() + 3600_000);
    await sessions.create(ID, { tokenHash: TOKEN, expiresAt });
    // better-sqlite3's errors come from another realm than Jest's Error: matched by shape.
    await expect(
      sessions.create(ID, { tokenHash: '4'.repeat(64), expiresAt }),
    ).rejects.toHaveProperty('message');
    expect((await sessions.find(ID, new Date()))?.tokenHash).toBe(TOKEN);
  });

  it('is one store for every replica: opened on one, ended on another', async () => {
    const a = await backend.replica();
    const b = await backend.replica();
    const expiresAt = new Date(Date.now() + 3600_000);
    await a.sessions.create(ID, { tokenHash: TOKEN, expiresAt });
    expect((await b.sessions.find(ID, new Date()))?.tokenHash).toBe(TOKEN);
    await b.sessions.delete(ID);
    expect(await a.sessions.find(ID, new Date())).toBeNull();
  });
});
