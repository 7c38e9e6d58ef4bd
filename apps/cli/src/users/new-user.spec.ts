import { UsageError } from '../shared/cli-errors';
import { parseNewUser } from './new-user';

const NOW = new Date('2024-06-01T00:00:00Z');

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error.problems.map((p) => p.field);
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseNewUser', () => {
  describe('when the user is an approver', () => {
    it('builds its delegation, open-ended and program-wide by default', () => {
      const { user, expiresAt } = parseNewUser(
        'Lữ Đình Tích',
        { role: 'approver', capacity: 'KT. Chủ tịch' },
        NOW,
      );

      expect(user).toEqual({
        name: 'Lữ Đình Tích',
        role: 'approver',
        unit: null,
        authority: {
          capacity: 'KT. Chủ tịch',
          title: '',
          programParts: [],
          units: [],
          validFrom: null,
          validTo: null,
        },
      });
      expect(expiresAt).toBeNull();
    });

    it('takes scope, dates, title and expiry', () => {
      const { user, expiresAt } = parseNewUser(
        'Lữ Đình Tích',
        {
          role: 'approver',
          capacity: 'KT. Chủ tịch',
          title: 'Phó Chủ tịch',
          scope: 'DA6, DA7.TDA1,DA6',
          from: '2024-01-01',
          to: '2025-06-30',
          expires: '2025-06-30T17:00:00+07:00',
        },
        NOW,
      );

      expect(user.authority).toMatchObject({
        title: 'Phó Chủ tịch',
        programParts: ['DA6', 'DA7.TDA1'],
        validFrom: '2024-01-01',
        validTo: '2025-06-30',
      });
      expect(expiresAt?.toISOString()).toBe('2025-06-30T10:00:00.000Z');
    });

    it('refuses a capacity that is no signing capacity', () => {
      expect(
        problemsOf(() => parseNewUser('A', { role: 'approver', capacity: 'boss' }, NOW)),
      ).toEqual(['--capacity']);
    });

    it('refuses an end before the start', () => {
      expect(
        problemsOf(() =>
          parseNewUser(
            'A',
            { role: 'approver', capacity: 'Chủ tịch', from: '2024-06-01', to: '2024-01-01' },
            NOW,
          ),
        ),
      ).toEqual(['--to']);
    });
  });

  it('keeps one spelling of a name typed with decomposed diacritics', () => {
    const { user } = parseNewUser(
      'Nguyễn Văn An'.normalize('NFD'),
      { role: 'officer', unit: 'LDTBXH' },
      NOW,
    );
    expect(user.name).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('lists every problem at once', () => {
    expect(
      problemsOf(() =>
        parseNewUser(
          ' ',
          { role: 'officer', unit: 'ldtbxh', scope: 'DA6', expires: '2024-01-01T00:00:00Z' },
          NOW,
        ),
      ),
    ).toEqual(['<name>', '--unit', '--scope', '--expires']);
  });

  it('refuses a missing or unknown role', () => {
    expect(problemsOf(() => parseNewUser('A', {}, NOW))).toEqual(['--role']);
    expect(problemsOf(() => parseNewUser('A', { role: 'root' }, NOW))).toEqual(['--role']);
  });
});

describe('parseNewUser, for the people of a unit', () => {
  it('refuses an officer or an accountant without a unit: they would act district-wide', () => {
    for (const role of ['officer', 'accountant']) {
      expect(problemsOf(() => parseNewUser('Nguyễn Văn An', { role }, NOW))).toEqual([
        expect.stringContaining('--unit'),
      ]);
    }
    expect(parseNewUser('Kiểm toán viên', { role: 'auditor' }, NOW).user.unit).toBeNull();
  });
});
