import { authorityCovers, type Authority } from './actor';

const authority: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: ['DA7'],
  units: ['LDTBXH'],
  validFrom: '2024-01-01',
  validTo: '2024-12-31',
};

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
});
