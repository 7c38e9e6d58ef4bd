import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Metadatas = ReturnType<Lookup>;

const MEMOISED = Symbol.for('budget-ledger.validation-metadata-memoised');

/**
 * class-validator answers "which rules apply to this class" by scanning every class it
 * knows for parents of it (`prototype instanceof`), on every validation: with the API's
 * hundred-odd DTO classes that scan was the validation pipe's largest cost per request.
 * The rules of a class only change when a decorator registers one (at class definition,
 * or when @nestjs/mapped-types copies a parent's), so the answer is kept per class and
 * options, and every registration forgets all answers. Callers get the same array each
 * time; class-validator and Nest's pipe only read it.
 */
export function memoiseValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [MEMOISED]?: true };
  if (marked[MEMOISED]) return;
  marked[MEMOISED] = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  let answers = new Map<unknown, Map<string, Metadatas>>();
  const forget = <A extends unknown[]>(register: (...args: A) => void) =>
    function registering(...args: A): void {
      answers = new Map();
      register(...args);
    };
  storage.addValidationMetadata = forget(storage.addValidationMetadata.bind(storage));
  storage.addValidationSchema = forget(storage.addValidationSchema.bind(storage));
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${String(schema)}|${always}|${strictGroups}|${groups?.join('\u0000') ?? '-'}`;
    let byOptions = answers.get(target);
    if (!byOptions) answers.set(target, (byOptions = new Map<string, Metadatas>()));
    let found = byOptions.get(options);
    if (!found)
      byOptions.set(options, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
}
