import type { PlanCommand } from '../plan.commands';
import type { PlanEvent } from '../plan.events';
import { approver, officer, viceChairmanAuthority } from '../../shared/testing/actors.fixture';

type DraftPlan = Extract<PlanCommand, { type: 'DraftPlan' }>;
type EventOf<T extends PlanEvent['type']> = Extract<PlanEvent, { type: T }>;

/**
 * The Ba Tơ 2024 plan exactly as the seed drafts it: three sub-projects with their
 * amounts, every activity with its Vietnamese wording, outputs where the plan gives a
 * number. The plan gives no amount per activity, so none is planned here. Activity ids
 * and categories are ours; the seed has neither.
 */
export const baTo2024Draft: DraftPlan = {
  type: 'DraftPlan',
  actor: officer,
  on: '2024-04-10',
  data: {
    fiscalYear: 2024,
    leadUnit: 'LDTBXH',
    title:
      'Kế hoạch thực hiện Tiểu Dự án 2 – Dự án 6 và Tiểu Dự án 1, 2 – Dự án 7 thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024',
    legalBasis: [
      '90/QĐ-TTg',
      '540/QĐ-UBND',
      '54/KH-UBND',
      '83/KH-UBND',
      '30/QĐ-UBND',
      '699/QĐ-UBND',
    ],
    fundingDecisions: ['699/QĐ-UBND', '30/QĐ-UBND'],
    parts: [
      {
        code: 'DA6.TDA2',
        name: 'Tiểu Dự án 2 – Dự án 6: Truyền thông về giảm nghèo đa chiều',
        budgetAmount: 378_000_000n,
      },
      {
        code: 'DA7.TDA1',
        name: 'Tiểu Dự án 1 – Dự án 7: Nâng cao năng lực thực hiện Chương trình',
        budgetAmount: 1_470_000_000n,
      },
      {
        code: 'DA7.TDA2',
        name: 'Tiểu Dự án 2 – Dự án 7: Giám sát, đánh giá',
        budgetAmount: 596_771_300n,
      },
    ],
    activities: [
      {
        id: 'DA6.TDA2-pano',
        programPart: 'DA6.TDA2',
        name: 'Làm Pano tuyên truyền 2 mặt',
        category: 'communication',
        outputs: [{ id: 'pano', description: 'Pano tuyên truyền 2 mặt', unit: 'cái', target: 15 }],
      },
      {
        id: 'DA6.TDA2-thi-dua',
        programPart: 'DA6.TDA2',
        // "Ba Tư" is the seed's own wording (likely a typo for Ba Tơ); kept verbatim.
        name: 'Chi thực hiện Phong trào thi đua "Ba Tư chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"',
        category: 'other',
      },
      {
        id: 'DA6.TDA2-doi-thoai',
        programPart: 'DA6.TDA2',
        name: 'Tổ chức đối thoại chính sách về giảm nghèo (đối tượng là đại diện hộ nghèo, hộ cận nghèo)',
        category: 'meeting',
      },
      {
        id: 'DA7.TDA1-tap-huan-dieu-hanh',
        programPart: 'DA7.TDA1',
        name: 'Tập huấn, bồi dưỡng kiến thức cho cán bộ làm công tác giảm nghèo về: Kỹ năng điều hành, quản lý Chương trình; Hướng dẫn giám sát, đánh giá thực hiện Chương trình',
        category: 'training',
      },
      {
        id: 'DA7.TDA1-tap-huan-ctxh',
        programPart: 'DA7.TDA1',
        name: 'Tập huấn nâng cao kiến thức, kỹ năng, nghiệp vụ cho đội ngũ cán bộ làm công tác xã hội và bình đẳng giới',
        category: 'training',
      },
      {
        id: 'DA7.TDA1-tap-huan-tgpl',
        programPart: 'DA7.TDA1',
        name: 'Tập huấn nâng cao kiến thức, kỹ năng, nghiệp vụ cho đội ngũ cán bộ làm công tác trợ giúp pháp lý',
        category: 'training',
      },
      {
        id: 'DA7.TDA1-tap-huan-sinh-ke',
        programPart: 'DA7.TDA1',
        name: 'Tập huấn nâng cao năng lực triển khai, quản lý dự án Hỗ trợ phát triển sản xuất cộng đồng, thực hiện đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
        category: 'training',
      },
      {
        id: 'DA7.TDA1-hoc-tap-kinh-nghiem',
        programPart: 'DA7.TDA1',
        name: 'Tổ chức học tập, trao đổi kinh nghiệm về công tác giảm nghèo: Dự kiến đi ngoài tỉnh 04 ngày',
        category: 'study_tour',
        outputs: [
          { id: 'so-ngay', description: 'Học tập kinh nghiệm ngoài tỉnh', unit: 'ngày', target: 4 },
        ],
      },
      {
        id: 'DA7.TDA1-so-ket',
        programPart: 'DA7.TDA1',
        name: 'Hội nghị sơ kết Chương trình',
        category: 'meeting',
      },
      {
        id: 'DA7.TDA2-kiem-tra',
        programPart: 'DA7.TDA2',
        name: 'Kiểm tra, giám sát, đánh giá kết quả thực hiện các chính sách, chương trình, dự án giảm nghèo định kỳ, hằng năm hoặc đột xuất',
        category: 'travel_allowance',
      },
      {
        id: 'DA7.TDA2-ra-soat',
        programPart: 'DA7.TDA2',
        name: 'Rà soát hộ nghèo, hộ cận nghèo hằng năm',
        category: 'survey',
      },
    ],
  },
};

/** The PlanDrafted event the seed draft produces: optional fields made explicit. */
export const baTo2024Drafted: EventOf<'PlanDrafted'> = {
  type: 'PlanDrafted',
  data: {
    fiscalYear: 2024,
    leadUnit: 'LDTBXH',
    version: 1,
    on: baTo2024Draft.on,
    title: baTo2024Draft.data.title,
    legalBasis: baTo2024Draft.data.legalBasis,
    fundingDecisions: baTo2024Draft.data.fundingDecisions,
    parts: baTo2024Draft.data.parts,
    activities: baTo2024Draft.data.activities.map((activity) => ({
      ...activity,
      plannedAmount: activity.plannedAmount ?? null,
      outputs: activity.outputs ?? [],
    })),
    totalAmount: 2_444_771_300n,
    draftedBy: officer,
  },
};

export const baTo2024Submitted: EventOf<'PlanSubmitted'> = {
  type: 'PlanSubmitted',
  data: {
    fiscalYear: 2024,
    leadUnit: 'LDTBXH',
    version: 1,
    on: '2024-04-12',
    submittedBy: officer,
  },
};

/** Number and date are illustrative: the seed draft leaves "Số /KH-UBND" blank. */
export const baTo2024Approval = { number: '120/KH-UBND', issuedOn: '2024-04-15' } as const;

export const baTo2024Approved: EventOf<'PlanApproved'> = {
  type: 'PlanApproved',
  data: {
    fiscalYear: 2024,
    leadUnit: 'LDTBXH',
    version: 1,
    on: baTo2024Approval.issuedOn,
    ...baTo2024Approval,
    totalAmount: 2_444_771_300n,
    legalBasis: baTo2024Draft.data.legalBasis,
    approvedBy: approver,
    authority: viceChairmanAuthority,
  },
};

/**
 * The seed's plan drafted, submitted and approved (120/KH-UBND of 15/4/2024), with the
 * given activities planned at the given amounts (illustrative: the seed plans none).
 */
export function baTo2024ApprovedPlanning(planned: Readonly<Record<string, bigint>>): PlanEvent[] {
  const drafted: EventOf<'PlanDrafted'> = {
    ...baTo2024Drafted,
    data: {
      ...baTo2024Drafted.data,
      activities: baTo2024Drafted.data.activities.map((a) => {
        const amount = planned[a.id];
        return amount === undefined ? a : { ...a, plannedAmount: amount };
      }),
    },
  };
  return [drafted, baTo2024Submitted, baTo2024Approved];
}
