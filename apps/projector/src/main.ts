import 'reflect-metadata';
import { declareProgram, loadConfigOrExit } from '@app/config';
import { startProjector } from './start-projector';

/**
 * `npm run start:projector`: the projections and the process managers, apart from the API
 * (which then runs with BUDGET_PROJECTIONS=off BUDGET_FOLLOW_UPS=off). Same stores and
 * variables as the API: EVENT_STORE, READ_STORE, BUDGET_DATA_DIR and their URLs.
 */
declareProgram('projector');
// A bad variable: one line naming it, exit 1, before anything is opened.
loadConfigOrExit();
startProjector().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
