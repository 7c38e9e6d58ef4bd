import { formFieldAt } from './field-locator';
import { DRAFT_PLAN } from './plan.forms';

describe('where a refusal of the plan form is shown', () => {
  describe('when the person filled activity rows 1 and 3 (row 2 left empty, not sent)', () => {
    const fields = {
      title: 'Kế hoạch 2024',
      activity1Id: 'HD1',
      activity1Name: 'Tập huấn',
      activity3Id: 'HD3',
      activity3Part: 'DA9.TDA9',
    };

    it("shows the API's second activity beside the form's third row", () => {
      expect(formFieldAt(DRAFT_PLAN, fields, 'activities[1].programPart')).toBe('activity3Part');
      expect(formFieldAt(DRAFT_PLAN, fields, 'activities.1.programPart')).toBe('activity3Part');
      expect(formFieldAt(DRAFT_PLAN, fields, 'activities[0].name')).toBe('activity1Name');
    });

    it("places an output's field, and a whole row, beside the row's own field", () => {
      expect(formFieldAt(DRAFT_PLAN, fields, 'activities[1].outputs[0].target')).toBe(
        'activity3Target',
      );
      expect(formFieldAt(DRAFT_PLAN, fields, 'activities[1]')).toBe('activity3Id');
    });

    it('leaves what the form cannot point at to the top', () => {
      expect(formFieldAt(DRAFT_PLAN, fields, 'activities[2].name')).toBeNull();
      expect(formFieldAt(DRAFT_PLAN, fields, 'nothing')).toBeNull();
    });
  });

  it('finds a plain field by its name', () => {
    expect(formFieldAt(DRAFT_PLAN, {}, 'title')).toBe('title');
    expect(formFieldAt(DRAFT_PLAN, { part2Code: 'DA7' }, 'parts[0].code')).toBe('part2Code');
  });
});
