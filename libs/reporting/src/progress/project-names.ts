/**
 * The program's component projects as Decision 90/QĐ-TTg (18/01/2022) names them; the Ba
 * Tơ plan quotes Dự án 7's name the same way. Data, not logic: a project missing here
 * prints as "Dự án N".
 */
export const PROJECT_NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  DA1: {
    vi: 'Hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội các huyện nghèo, các xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo',
    en: 'Infrastructure investment in poor districts and the most disadvantaged coastal and island communes',
  },
  DA2: {
    vi: 'Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
    en: 'Diversifying livelihoods, developing poverty reduction models',
  },
  DA3: {
    vi: 'Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng',
    en: 'Supporting production and better nutrition',
  },
  DA4: {
    vi: 'Phát triển giáo dục nghề nghiệp, việc làm bền vững',
    en: 'Vocational education and sustainable employment',
  },
  DA5: {
    vi: 'Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo',
    en: 'Housing for poor and near-poor households in poor districts',
  },
  DA6: {
    vi: 'Truyền thông và giảm nghèo về thông tin',
    en: 'Communication and information poverty reduction',
  },
  DA7: {
    vi: 'Nâng cao năng lực và giám sát, đánh giá Chương trình',
    en: 'Capacity building, monitoring and evaluation of the program',
  },
};

/** "Dự án 7: Nâng cao năng lực và giám sát, đánh giá Chương trình". */
export function projectLabel(code: string, lang: 'vi' | 'en'): string {
  const n = /^DA(\d+)$/.exec(code)?.[1];
  const head = n ? `${lang === 'vi' ? 'Dự án' : 'Project'} ${n}` : code;
  const name = PROJECT_NAMES[code]?.[lang];
  return name ? `${head}: ${name}` : head;
}

/** A row's label: the data's name for sub-projects, activities and outputs; ours for the rest. */
export function rowLabel(
  row: { readonly level: string; readonly code: string; readonly label: string },
  lang: 'vi' | 'en',
): string {
  if (row.level === 'total') return lang === 'vi' ? 'TỔNG CỘNG' : 'TOTAL';
  if (row.level === 'project') return projectLabel(row.code, lang);
  if (row.level === 'unassigned') {
    return lang === 'vi'
      ? 'Chi chưa gắn với hoạt động của kế hoạch'
      : 'Spending not tied to a plan activity';
  }
  if (row.level === 'unclassified') {
    return lang === 'vi'
      ? 'Dòng ngân sách chưa phân loại mục lục'
      : 'Budget lines without a classification';
  }
  return row.label;
}
