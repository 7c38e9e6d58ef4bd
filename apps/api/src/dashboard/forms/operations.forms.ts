import { ALL_PROJECTIONS } from '@app/read-models';
import type { FormDef } from './form-def';

/** Ký điểm kiểm tra: a signed Merkle checkpoint of the whole log, the file an auditor keeps. */
export const WRITE_CHECKPOINT: FormDef = {
  id: 'checkpoint',
  title: { vi: 'Ký điểm kiểm tra cả sổ', en: 'Sign a checkpoint of the whole log' },
  submit: { vi: 'Ký điểm kiểm tra', en: 'Sign the checkpoint' },
  fields: [
    {
      name: 'reason',
      kind: 'textarea',
      label: { vi: 'Lý do', en: 'Reason' },
      hint: {
        vi: 'ví dụ kiểm toán quý II/2024; lưu cùng điểm kiểm tra',
        en: 'e.g. the second-quarter audit; kept with the checkpoint',
      },
    },
  ],
};

/** Dựng lại dữ liệu đọc: every projection, or one, replayed from the log and compared. */
export const REBUILD_PROJECTIONS: FormDef = {
  id: 'rebuild',
  title: { vi: 'Dựng lại dữ liệu đọc từ sổ', en: 'Rebuild read models from the log' },
  submit: { vi: 'Dựng lại', en: 'Rebuild' },
  fields: [
    {
      name: 'projection',
      kind: 'select',
      label: { vi: 'Mô hình đọc', en: 'Read model' },
      hint: { vi: 'để trống: tất cả', en: 'empty: all of them' },
      choices: ALL_PROJECTIONS.map((p) => ({ value: p.name, label: { vi: p.name, en: p.name } })),
    },
  ],
};
