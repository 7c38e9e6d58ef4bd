import { refusalOf } from '@app/testing/decider';
import { authorityCovers, type Actor, type Authority } from './actor';
import { requireAuthority, requireRole, requireSegregation, requireUnit } from './authorization';

const officer: Actor = { userId: 'u-1', name: 'Cán bộ', role: 'officer', unit: 'LDTBXH' };
const authority: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: ['DA7'],
  units: ['LDTBXH'],
  validFrom: '2024-01-01',
  validTo: '2024-12-31',
};

describe('who may act', () => {
  it('lets a role act only when it is named, saying which roles may', () => {
    expect(() => requireRole(officer, ['officer', 'admin'], { vi: 'làm', en: 'do' })).not.toThrow();
    const error = refusalOf(() =>
      requireRole(officer, ['approver', 'admin'], { vi: 'duyệt', en: 'approve' }),
    );
    expect(error).toMatchObject({
      code: 'AUTH.ROLE_FORBIDDEN',
      kind: 'forbidden',
      details: { role: 'officer' },
    });
    expect(error.messages.vi).toBe('Vai trò officer không được duyệt (cần: approver, admin)');
    expect(error.messages.en).toBe('Role officer may not approve (needs: approver, admin)');
  });

  it('keeps a unit user to its unit; a district-wide user acts on all', () => {
    expect(() => requireUnit(officer, 'LDTBXH')).not.toThrow();
    expect(() => requireUnit({ ...officer, unit: null }, 'YTE')).not.toThrow();
    const error = refusalOf(() => requireUnit(officer, 'YTE'));
    expect(error).toMatchObject({ code: 'AUTH.UNIT_FORBIDDEN', kind: 'forbidden' });
    expect(error.messages.en).toContain('LDTBXH');
    expect(error.messages.vi).toContain('YTE');
  });

  it('refuses anyone deciding on what they asked for themselves', () => {
    expect(() => requireSegregation(officer, 'u-2')).not.toThrow();
    expect(refusalOf(() => requireSegregation(officer, 'u-1'))).toMatchObject({
      code: 'AUTH.SEGREGATION_OF_DUTIES',
      kind: 'forbidden',
    });
  });
});

describe('a delegation of authority', () => {
  it('covers its program parts and their sub-parts, not parts that merely start alike', () => {
    expect(authorityCovers(authority, 'DA7', 'LDTBXH', '2024-06-01')).toBe(true);
    expect(authorityCovers(authority, 'DA7.TDA1', 'LDTBXH', '2024-06-01')).toBe(true);
    expect(authorityCovers(authority, 'DA70', 'LDTBXH', '2024-06-01')).toBe(false);
    expect(authorityCovers(authority, 'DA6.TDA2', 'LDTBXH', '2024-06-01')).toBe(false);
    expect(authorityCovers({ ...authority, programParts: [] }, 'DA1', 'LDTBXH', '2024-06-01')).toBe(
      true,
    );
  });

  it('covers its units only, or all when it names none', () => {
    expect(authorityCovers(authority, 'DA7', 'YTE', '2024-06-01')).toBe(false);
    expect(authorityCovers({ ...authority, units: [] }, 'DA7', 'YTE', '2024-06-01')).toBe(true);
  });

  it('covers the days from its first to its last, both included, or open-ended', () => {
    expect(authorityCovers(authority, 'DA7', 'LDTBXH', '2024-01-01')).toBe(true);
    expect(authorityCovers(authority, 'DA7', 'LDTBXH', '2024-12-31')).toBe(true);
    expect(authorityCovers(authority, 'DA7', 'LDTBXH', '2023-12-31')).toBe(false);
    expect(authorityCovers(authority, 'DA7', 'LDTBXH', '2025-01-01')).toBe(false);
    const open = { ...authority, validFrom: null, validTo: null };
    expect(authorityCovers(open, 'DA7', 'LDTBXH', '1999-01-01')).toBe(true);
    expect(authorityCovers(open, 'DA7', 'LDTBXH', '2099-01-01')).toBe(true);
  });

  it('is required for a decision, and refused naming what it does not cover', () => {
    expect(requireAuthority(authority, 'DA7.TDA1', 'LDTBXH', '2024-06-01')).toBe(authority);
    for (const auth of [null, { ...authority, units: ['YTE'] }]) {
      const error = refusalOf(() => requireAuthority(auth, 'DA7.TDA1', 'LDTBXH', '2024-06-01'));
      expect(error).toMatchObject({
        code: 'AUTH.OUTSIDE_DELEGATION',
        kind: 'forbidden',
        details: { programPart: 'DA7.TDA1', unit: 'LDTBXH', onDate: '2024-06-01' },
      });
    }
  });
});
