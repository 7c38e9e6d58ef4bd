import { loadConfig, type BudgetConfig } from '@app/config';

/**
 * Facts of the program in this deployment. The lead agency (cơ quan chủ trì) pays the
 * travel of joint inspection teams and study tours; the Ba Tơ plan names Phòng Lao động
 * – Thương binh và Xã hội, unit code LDTBXH. It is recorded per fiscal year (POST
 * /fiscal-years/{y}/lead-agency); BUDGET_LEAD_AGENCY is the fallback for a year or day
 * with none recorded (see JointTravel.leadOn).
 */
export class ProgramSettings {
  constructor(
    readonly leadAgency: string,
    /** The unit reports are made for, named in their titles (BUDGET_REPORTING_UNIT). */
    readonly reportingUnit: string = 'UBND huyện Ba Tơ',
    /** Where reports are signed (BUDGET_REPORT_PLACE): the district's seat by default. */
    readonly reportPlace: string = 'Ba Tơ',
    /** Whose council's norms apply within the central ceilings (BUDGET_PROVINCE). */
    readonly province: string = 'QNG',
  ) {}

  /** This process's settings, from its configuration (a tool outside a Nest module: the import's checks). */
  static ofProcess(): ProgramSettings {
    return ProgramSettings.of(loadConfig());
  }

  static of(config: BudgetConfig): ProgramSettings {
    return new ProgramSettings(
      config.program.leadAgency,
      config.program.reportingUnit,
      config.program.reportPlace,
      config.program.province,
    );
  }
}
