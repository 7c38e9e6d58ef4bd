import { deadlineBasisLabel, describeDeadline } from './carry-over-deadline';

/** What a person reads next to a carried-over line's deadline (CLI, dashboard). */
describe('the basis of a deadline, as people read it', () => {
  const byDecision = {
    carryOverDeadline: '2025-06-30',
    deadlineBasis: 'decision' as const,
    deadlineExtensions: [],
  };

  it('names the carry-over decision that set the deadline when the reader knows it', () => {
    const line = { ...byDecision, deadlineDecision: '699/QĐ-UBND' };
    expect(describeDeadline(line, 'vi')).toBe('30/6/2025 (theo quyết định 699/QĐ-UBND)');
    expect(describeDeadline(line, 'en')).toBe('2025-06-30 (by decision 699/QĐ-UBND)');
  });

  it('says only "by decision" when the decision is not known', () => {
    expect(deadlineBasisLabel({ ...byDecision, deadlineDecision: null }, 'vi')).toBe(
      'theo quyết định',
    );
    expect(deadlineBasisLabel(byDecision, 'en')).toBe('by decision');
  });

  it('names the extensions, not the carry-over decision, once the deadline was extended', () => {
    const line = {
      ...byDecision,
      deadlineDecision: '699/QĐ-UBND',
      deadlineExtensions: ['111/2024/QH15'],
    };
    expect(deadlineBasisLabel(line, 'vi')).toBe('gia hạn: 111/2024/QH15');
  });

  it('does not cite the carry-over decision for a default deadline: it stated none', () => {
    const line = {
      ...byDecision,
      deadlineBasis: 'default' as const,
      deadlineDecision: '699/QĐ-UBND',
    };
    expect(deadlineBasisLabel(line, 'vi')).toBe('mặc định 31/12');
  });
});
