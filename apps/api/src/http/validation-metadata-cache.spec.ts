import { IsInt, IsString, getMetadataStorage, registerDecorator, validate } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata-cache';

class Parent {
  @IsString()
  name!: unknown;
}

class Child extends Parent {
  @IsInt()
  count!: unknown;
}

function child(name: unknown, count: unknown): Child {
  return Object.assign(new Child(), { name, count });
}

async function failing(object: object): Promise<string[]> {
  return (await validate(object)).map((e) => e.property).sort();
}

describe('memoised class-validator metadata', () => {
  beforeAll(() => memoiseValidationMetadata());

  it('keeps the rules of a class and of its parents', async () => {
    expect(await failing(child(1, 'x'))).toEqual(['count', 'name']);
    expect(await failing(child('a', 2))).toEqual([]);
    // Asked again: the same answer, from the memo.
    expect(await failing(child(1, 'x'))).toEqual(['count', 'name']);
  });

  it('answers the same array for the same class and options', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['count', 'name']);
  });

  it('sees a rule registered after a class was first validated, on it or on a parent', async () => {
    expect(await failing(child('a', 2))).toEqual([]);
    registerDecorator({
      name: 'notBob',
      target: Parent,
      propertyName: 'name',
      validator: { validate: (value: unknown) => value !== 'bob' },
    });
    expect(await failing(child('bob', 2))).toEqual(['name']);
  });

  it('sees a class defined after the memo was installed', async () => {
    class Late extends Child {
      @IsString()
      label!: unknown;
    }
    const late = Object.assign(new Late(), { name: 'a', count: 2, label: 3 });
    expect(await failing(late)).toEqual(['label']);
  });

  it('is installed once however often the pipe is created', () => {
    const storage = getMetadataStorage();
    const lookup = storage.getTargetValidationMetadatas;
    memoiseValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
  });
});
