import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { join } from 'node:path';
import { BUDGET_CONFIG, type BudgetConfig } from '@app/config';
import { DataSetImporter, LineCommands } from '@app/application';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { BufferedAccounts } from '../auth/buffered-accounts';
import { Credentials } from '../auth/credentials.port';

/** The seed plan as data, shipped with the product. */
export const EXAMPLE_FOLDER = join(__dirname, '..', '..', '..', '..', 'examples', 'ba-to-2024');

/**
 * On an empty log, loads the Ba Tơ 2024 example through the same commands as the API, so
 * a new user sees the plan's money at once (unless BUDGET_NO_EXAMPLE=1). A log that
 * already holds events is never touched.
 * @returns the number of events recorded (0 when nothing was loaded)
 */
export async function loadExampleIfEmpty(app: INestApplication): Promise<number> {
  if (!app.get<BudgetConfig>(BUDGET_CONFIG).loadExample) return 0;
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await store.headPosition()) !== null) return 0;
  const importer = new DataSetImporter(app.get(CommandBus), store, app.get(LineCommands));
  const accounts = await BufferedAccounts.load(app.get(Credentials));
  const result = await importer.importFolder(EXAMPLE_FOLDER, { accounts });
  await accounts.flush();
  return result.events;
}
