import { EVENT_LABELS, eventLabel } from './event-labels';

describe('event labels', () => {
  it('names a disbursement "Giải ngân", as the balance column it moves ("Đã giải ngân")', () => {
    expect(eventLabel('ExpenditureDisbursed', 'vi')).toBe('Giải ngân');
    expect(eventLabel('ExpenditureDisbursed', 'en')).toBe('Disbursed');
  });

  it('gives no two events the same word, in either language', () => {
    for (const language of ['vi', 'en'] as const) {
      const words = Object.values(EVENT_LABELS).map((m) => m[language]);
      expect(new Set(words).size).toBe(words.length);
    }
  });

  it('shows a type it does not know as stored', () => {
    expect(eventLabel('SomethingNew', 'vi')).toBe('SomethingNew');
  });
});
