import type {
  Doc,
  DocumentStore,
  Filter,
  FindOptions,
  SumQuery,
  SumRow,
} from '../document-store.port';
import { physical } from '../runner/generations';

/** Reads a projection's serving generation: queries name logical collections only. */
export class ReadModels {
  constructor(readonly docs: DocumentStore) {}

  private async collection(projection: string, collection: string): Promise<string> {
    const tag = await this.docs.resolveAlias(projection);
    return physical(collection, tag || '1');
  }

  async get(projection: string, collection: string, id: string): Promise<Doc | null> {
    return this.docs.get(await this.collection(projection, collection), id);
  }

  /** Many ids at once, in no particular order; missing ids are absent. */
  async getMany(projection: string, collection: string, ids: readonly string[]): Promise<Doc[]> {
    if (ids.length === 0) return [];
    return this.docs.getMany(await this.collection(projection, collection), ids);
  }

  async find(
    projection: string,
    collection: string,
    filter: Filter,
    options?: FindOptions,
  ): Promise<Doc[]> {
    return this.docs.find(await this.collection(projection, collection), filter, options);
  }

  async sum(projection: string, collection: string, query: SumQuery): Promise<SumRow[]> {
    return this.docs.sum(await this.collection(projection, collection), query);
  }
}
