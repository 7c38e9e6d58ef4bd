import { Command } from 'nest-commander';
import { basename, resolve } from 'node:path';
import type { DataSet, ImportProblem } from '@app/application';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext } from '../shared/cli-context';
import { EXIT_FAILURE } from '../shared/cli-errors';
import { withCredentials } from '../users/credentials';
import { importProgress } from './import-progress';
import {
  problemsJson,
  problemsText,
  resultJson,
  summary,
  type ImportOutcome,
} from './import-report';

function refuse(cli: CliContext, folder: string, problems: readonly ImportProblem[]): void {
  if (cli.json) cli.printJson(problemsJson(basename(resolve(folder)), problems));
  process.stderr.write(problemsText(folder, problems));
  process.exitCode = EXIT_FAILURE;
}

/**
 * `budget import <path>`: checks the whole data set first and records nothing if
 * anything is wrong; then sends the same commands as the API, in one Nest application
 * context on `--data`. The follow-up runner stays off here: the transfer process runs
 * inside the import, and lapsing carried-over money is the API's job, not an import's.
 * The application library (Nest, CQRS) is loaded only by this command.
 */
@Command({
  name: 'import',
  arguments: '<path>',
  argsDescription: { path: 'thư mục bộ dữ liệu / data set folder, e.g. examples/ba-to-2024' },
  description:
    'nhập một bộ dữ liệu (đơn vị, văn bản, người dùng, dòng ngân sách, kế hoạch); nhập lại không ghi thêm gì / import a data set; importing it again records nothing',
})
export class ImportCommand extends BudgetCommand {
  protected async execute(
    [folder = '']: string[],
    _options: object,
    cli: CliContext,
  ): Promise<void> {
    const lib = await import('@app/application');
    const loaded = await lib.loadDataSet(folder);
    if (!loaded.dataSet) {
      refuse(cli, folder, loaded.problems);
      return;
    }
    const outcome = await this.record(lib, loaded.dataSet, cli);
    if ('problems' in outcome) {
      refuse(cli, folder, outcome.problems);
      return;
    }
    if (cli.json) cli.printJson(resultJson(outcome));
    else cli.say(summary(outcome, cli.dataDir));
  }

  private async record(
    lib: typeof import('@app/application'),
    dataSet: DataSet,
    cli: CliContext,
  ): Promise<ImportOutcome | { problems: readonly ImportProblem[] }> {
    // The configuration the context's modules read: this command's --data (the CLI runs
    // no follow-up processes: see declareProgram('cli')).
    process.env.BUDGET_DATA_DIR = cli.dataDir;
    const { NestFactory } = await import('@nestjs/core');
    const app = await NestFactory.createApplicationContext(lib.DataSetImportModule, {
      logger: false,
    });
    const progress = importProgress();
    try {
      const result = await app
        .get(lib.DataSetImporter)
        .importDataSet(dataSet, { onProgress: (done, total) => progress.update(done, total) });
      progress.stop();
      // Accounts after the log: a refused or failed import leaves no account behind.
      const accountsCreated = await withCredentials(cli.dataDir, async (store) => {
        const { BufferedAccounts } = await import('@app/api-state');
        const accounts = await BufferedAccounts.load(store);
        const created = lib.registerAccounts(accounts, dataSet);
        await accounts.flush();
        return created;
      });
      return { ...result, accountsCreated };
    } catch (error) {
      progress.stop();
      if (error instanceof lib.DataSetInvalidError) return { problems: error.problems };
      throw error;
    } finally {
      await app.close();
    }
  }
}
