import { parseMoney, type ActivityInput, type ProgramPart } from '@app/budgeting';
import type { ActivityDto, PartDto } from './plan.dto';

/** A plan's parts and activities as the plan's commands take them (money parsed, field named). */
export function parts(dtos: PartDto[]): ProgramPart[] {
  return dtos.map((p) => ({
    code: p.code,
    name: p.name,
    budgetAmount: parseMoney(p.budgetAmount, `parts.${p.code}.budgetAmount`),
  }));
}

export function activities(dtos: ActivityDto[]): ActivityInput[] {
  return dtos.map((a) => ({
    id: a.id,
    programPart: a.programPart,
    name: a.name,
    category: a.category,
    ...(a.plannedAmount === undefined
      ? {}
      : { plannedAmount: parseMoney(a.plannedAmount, `activities.${a.id}.plannedAmount`) }),
    ...(a.outputs === undefined ? {} : { outputs: a.outputs }),
  }));
}
