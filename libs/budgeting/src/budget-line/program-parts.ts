import { DomainError } from '../shared/domain-error';

/**
 * The parts of the program money may be allocated to: the projects (dự án) and
 * sub-projects (tiểu dự án) of the Chương trình mục tiêu quốc gia giảm nghèo bền vững
 * 2021–2025, as Decision 90/QĐ-TTg of 18/01/2022 lists them. Data, not code: a program
 * whose structure changes (or another program) changes this list, with its source.
 * A content item under a listed part (`DA7.TDA1.ND2`) is accepted; a code outside the list
 * (`DA99`, `DA7.TDA9`) is refused. Our reading of 90/QĐ-TTg: projects 1, 2 and 5 have no
 * sub-projects; if a province's guidance splits them, add the sub-projects here.
 */
export const PROGRAM_PARTS: Readonly<Record<string, string>> = {
  DA1: 'Hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội các huyện nghèo, các xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo',
  DA2: 'Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
  DA3: 'Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng',
  'DA3.TDA1': 'Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp',
  'DA3.TDA2': 'Cải thiện dinh dưỡng',
  DA4: 'Phát triển giáo dục nghề nghiệp, việc làm bền vững',
  'DA4.TDA1': 'Phát triển giáo dục nghề nghiệp vùng nghèo, vùng khó khăn',
  'DA4.TDA2': 'Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng',
  'DA4.TDA3': 'Hỗ trợ việc làm bền vững',
  DA5: 'Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo',
  DA6: 'Truyền thông và giảm nghèo về thông tin',
  'DA6.TDA1': 'Giảm nghèo về thông tin',
  'DA6.TDA2': 'Truyền thông về giảm nghèo đa chiều',
  DA7: 'Nâng cao năng lực và giám sát, đánh giá Chương trình',
  'DA7.TDA1': 'Nâng cao năng lực thực hiện Chương trình',
  'DA7.TDA2': 'Giám sát, đánh giá',
};

/** The program part itself, or the listed part a content item (`.ND2`) belongs to. */
export function isKnownProgramPart(code: string): boolean {
  return PROGRAM_PARTS[code.replace(/\.ND\d+$/, '')] !== undefined;
}

export function requireKnownProgramPart(code: string, field = 'programPart'): string {
  if (!isKnownProgramPart(code)) {
    throw new DomainError(
      'BUDGET.UNKNOWN_PROGRAM_PART',
      'validation',
      {
        vi: `${field}: "${code}" không phải dự án/tiểu dự án của Chương trình (Quyết định 90/QĐ-TTg)`,
        en: `${field}: "${code}" is not a project or sub-project of the program (Decision 90/QĐ-TTg)`,
      },
      { field, programPart: code },
    );
  }
  return code;
}
