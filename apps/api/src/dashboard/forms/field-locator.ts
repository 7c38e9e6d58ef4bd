import type { FormDef } from './form-def';
import type { FormFields } from './form-infra';

/** `activities[1].outputs[0].target` (the domain's) and `activities.1.…` (the DTO's) alike. */
function dotted(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

const ROW = /^([^.]+)\.(\d+)(\..*)?$/;

/**
 * The form rows of a list (`activities`) that reached the API, in order: the rows left
 * empty are dropped from the body, so the API's `activities.1` is the second row the
 * person filled in, which may be the form's third.
 */
function rowsSent(def: FormDef, fields: FormFields, list: string): number[] {
  const rows = new Set<number>();
  for (const field of def.fields) {
    const match = ROW.exec(field.api ?? '');
    if (match?.[1] !== list || (fields[field.name] ?? '').trim() === '') continue;
    rows.add(Number(match[2]));
  }
  return [...rows].sort((a, b) => a - b);
}

/**
 * The form field an API refusal's field path is about: the field declared for that exact
 * path, else the first field of the row (or list) the path names. A refused row's error
 * is then shown beside that row's own field, not at the top. Null: the form has none.
 */
export function formFieldAt(def: FormDef, fields: FormFields, apiPath: string): string | null {
  let path = dotted(apiPath);
  const row = ROW.exec(path);
  if (row?.[1]) {
    const formRow = rowsSent(def, fields, row[1])[Number(row[2])];
    if (formRow === undefined) return null;
    path = `${row[1]}.${formRow}${row[3] ?? ''}`;
  }
  const apiOf = (f: FormDef['fields'][number]): string => f.api ?? f.name;
  const exact = def.fields.find((f) => apiOf(f) === path);
  if (exact) return exact.name;
  // A path deeper than any field (an output's id the form does not ask) or a whole row.
  const within = def.fields.find(
    (f) => path.startsWith(`${apiOf(f)}.`) || apiOf(f).startsWith(`${path}.`),
  );
  return within?.name ?? null;
}
