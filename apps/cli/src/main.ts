import 'reflect-metadata';
import { declareProgram } from '@app/config';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';
import { formatCommanderError, reportFailure } from './shared/cli-errors';

const stderr = (text: string): void => void process.stderr.write(text);

/**
 * `budget …`: runs one command and leaves the exit code in process.exitCode (0 done, 1
 * refused or failed, 2 bad usage), so stdout is flushed before the process ends.
 */
export async function runCli(): Promise<void> {
  await CommandFactory.run(CliModule, {
    // Nest's logger writes to stdout, which belongs to the command's output (--json).
    logger: false,
    // commander calls process.exit after this handler unless it throws: throw, so that
    // every failure reaches the one mapper below.
    errorHandler: (error) => {
      throw error;
    },
    serviceErrorHandler: (error) => {
      process.exitCode = reportFailure(error, stderr);
    },
    outputConfiguration: {
      outputError: (text, write) => write(formatCommanderError(text)),
    },
  });
}

declareProgram('cli');
runCli().catch((error: unknown) => {
  process.exitCode = reportFailure(error, stderr);
});
