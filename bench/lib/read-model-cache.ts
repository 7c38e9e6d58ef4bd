import { existsSync, renameSync, rmSync } from 'node:fs';
import { inChild } from './rebuild-runner';

/** The read models of a cached history: built once (in a child process) and kept beside it. */
export async function ensureReadModels(
  historyFile: string,
  log?: (m: string) => void,
): Promise<string> {
  const file = historyFile.replace(/\.sqlite$/, '.read-models.sqlite');
  if (existsSync(file)) return file;
  log?.(`projecting ${historyFile} into ${file}…`);
  const temp = `${file}.tmp`;
  rmSync(temp, { force: true });
  await inChild({ kind: 'rebuild', log: historyFile, readModels: temp });
  keepReadModels(temp, file);
  return file;
}

/** Moves a freshly built read-model file into the cache (checkpointed: no -wal left behind). */
export function keepReadModels(built: string, target: string): void {
  if (existsSync(target)) {
    rmSync(built, { force: true });
  } else {
    renameSync(built, target);
  }
  rmSync(`${built}-wal`, { force: true });
  rmSync(`${built}-shm`, { force: true });
}

export function readModelsFileFor(historyFile: string): string {
  return historyFile.replace(/\.sqlite$/, '.read-models.sqlite');
}
