import { policy, type Policies } from '../shared/policy';
import type { TransferCommand } from './transfer.decider';

const decision = (name: string, vi: string, en: string, door: string) =>
  policy({
    name,
    kind: 'write',
    action: { vi, en },
    roles: ['approver'],
    scope: 'delegation',
    segregation: true,
    notBefore: { vi: 'ngày đề nghị điều chuyển', en: 'the request' },
    doors: [door],
  });

/** Who may move money between lines: enforced by `authorize`, once in decideTransfer. */
export const TRANSFER_POLICIES: Policies<TransferCommand['type']> = {
  RequestTransfer: policy({
    name: 'RequestTransfer',
    kind: 'write',
    action: { vi: 'đề nghị điều chuyển giữa các dòng', en: 'request a transfer between lines' },
    roles: ['officer'],
    scope: 'own-unit',
    dates: {
      vi: 'cả dòng nguồn và dòng nhận thuộc đơn vị của mình; điều chỉnh trước 15/11 của năm',
      en: "both the source and the destination line are the officer's unit's; reallocations by 15/11 of the year",
    },
    doors: ['POST /api/v1/transfers', 'budget import'],
  }),
  ApproveTransfer: decision(
    'ApproveTransfer',
    'phê duyệt điều chuyển',
    'approve a transfer',
    'POST /api/v1/transfers/{id}/approve',
  ),
  RejectTransfer: decision(
    'RejectTransfer',
    'từ chối điều chuyển',
    'reject a transfer',
    'POST /api/v1/transfers/{id}/reject',
  ),
  CompleteTransfer: policy({
    name: 'CompleteTransfer',
    kind: 'write',
    action: { vi: 'hoàn tất điều chuyển', en: 'complete a transfer' },
    roles: ['admin'],
    system: true,
    scope: 'any',
    doors: ['quy trình điều chuyển / transfer process'],
  }),
  FailTransfer: policy({
    name: 'FailTransfer',
    kind: 'write',
    action: { vi: 'ghi điều chuyển thất bại', en: 'fail a transfer' },
    roles: ['admin'],
    system: true,
    scope: 'any',
    doors: ['quy trình điều chuyển / transfer process'],
  }),
};
