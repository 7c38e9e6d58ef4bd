import { policy, type Policy } from '../shared/policy';

/**
 * Who records the program's lead agency and the joint teams' trips. The lead agency is
 * named by the district's decision or plan: recorded by the finance office (admin),
 * district-wide. A trip is the lead unit's own fact (its travel order): its officers and
 * accountants record it for their unit only, the finance office for any.
 */
export const JOINT_WORK_POLICIES = {
  DesignateLeadAgency: policy({
    name: 'DesignateLeadAgency',
    kind: 'write',
    action: { vi: 'ghi nhận cơ quan chủ trì chương trình', en: "record the program's lead agency" },
    roles: ['admin'],
    scope: 'district',
    dates: {
      vi: 'các thời kỳ chủ trì trong một năm không chồng nhau',
      en: "a year's lead periods do not overlap",
    },
    doors: ['POST /api/v1/fiscal-years/{y}/lead-agency'],
  }),
  RecordJointTrip: policy({
    name: 'RecordJointTrip',
    kind: 'write',
    action: {
      vi: 'ghi nhận chuyến công tác của đoàn liên ngành',
      en: "record a joint team's trip",
    },
    roles: ['officer', 'accountant', 'admin'],
    scope: 'own-unit',
    dates: {
      vi: 'từ ngày ≤ đến ngày; lệnh điều động không sau ngày đi',
      en: 'from ≤ to; the travel order not dated after the departure',
    },
    doors: ['POST /api/v1/joint-trips'],
  }),
} as const satisfies Readonly<Record<string, Policy>>;
