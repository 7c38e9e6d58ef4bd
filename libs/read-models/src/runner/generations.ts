import type { DocumentStore, Write } from '../document-store.port';
import type { Projection } from '../projection';

/**
 * A projection's documents live in one generation at a time: physical collections
 * `<collection>__g<N>` and a checkpoint `<projection>__g<N>`. Rebuilds write a new
 * generation beside the serving one and switch the alias in one write.
 */
export interface Generation {
  readonly projection: Projection;
  readonly tag: string;
}

export function physical(collection: string, tag: string): string {
  return `${collection}__g${tag}`;
}

export function checkpointName(generation: Generation): string {
  return `${generation.projection.name}__g${generation.tag}`;
}

export function toPhysical(writes: readonly Write[], tag: string): Write[] {
  return writes.map((w) => ({ ...w, collection: physical(w.collection, tag) }));
}

/** The serving generation of a projection, created (as generation 1) on first use. */
export async function servingGeneration(
  docs: DocumentStore,
  projection: Projection,
): Promise<Generation> {
  const tag = await docs.resolveAlias(projection.name);
  if (tag) {
    // Indexes added by a newer version of the code land on the serving generation too.
    await prepareGeneration(docs, { projection, tag });
    return { projection, tag };
  }
  await prepareGeneration(docs, { projection, tag: '1' });
  await docs.setAlias(projection.name, '1');
  return { projection, tag: '1' };
}

export async function prepareGeneration(
  docs: DocumentStore,
  generation: Generation,
): Promise<void> {
  for (const [collection, indexes] of Object.entries(generation.projection.collections)) {
    await docs.ensureIndexes(physical(collection, generation.tag), indexes);
  }
}

export function collectionsOf(generation: Generation): string[] {
  return Object.keys(generation.projection.collections).map((c) => physical(c, generation.tag));
}
