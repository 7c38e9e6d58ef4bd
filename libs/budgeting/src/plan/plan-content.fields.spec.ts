import type { ActivityInput, ProgramPart } from './plan.types';
import { planDecider } from './plan.decider';
import { baTo2024Draft } from './testing/ba-to-2024.fixture';
import { deciderSpec } from '@app/testing/decider';

// Each refusal of a plan's content names the field at fault, so that the form (or the
// import) can show the problem next to what the user typed.
const given = deciderSpec(planDecider);
const seed = baTo2024Draft.data;
const [firstPart, ...otherParts] = seed.parts;
const [pano, ...otherActivities] = seed.activities;

const draftWith = (data: Partial<typeof seed>): typeof baTo2024Draft => ({
  ...baTo2024Draft,
  data: { ...seed, ...data },
});
const withPart = (part: Partial<ProgramPart>) =>
  draftWith({ parts: [{ ...firstPart!, ...part }, ...otherParts] });
const withActivity = (activity: Partial<ActivityInput>) =>
  draftWith({ activities: [{ ...pano!, ...activity }, ...otherActivities] });

describe("a plan's content: each refusal names its field", () => {
  it('a funding decision that is not a document number', () => {
    given([])
      .when(draftWith({ fundingDecisions: ['699/QĐ-UBND', 'không số'] }))
      .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'fundingDecisions[1]' });
  });

  it("a part's code that is not text, even when it reads as a code", () => {
    given([])
      .when(withPart({ code: ['DA6.TDA2'] as unknown as string }))
      .thenThrows('PLAN.INVALID_PART_CODE', { field: 'parts[0].code' });
  });

  it("a part's empty name", () => {
    given([])
      .when(withPart({ name: '  ' }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'parts[0].name' });
  });

  it("an activity's empty id and empty name", () => {
    given([])
      .when(withActivity({ id: '' }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'activities[0].id' });
    given([])
      .when(withActivity({ name: '' }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'activities[0].name' });
  });

  it("an output's empty id and empty description", () => {
    const output = pano!.outputs![0]!;
    given([])
      .when(withActivity({ outputs: [{ ...output, id: '' }] }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'activities[0].outputs[0].id' });
    given([])
      .when(withActivity({ outputs: [{ ...output, description: ' ' }] }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'activities[0].outputs[0].description' });
  });
});
