import { CommandRunner, Option } from 'nest-commander';
import { type CliContext, type CommonOptions, createContext } from './cli-context';
import { UsageError } from './cli-errors';

/** commander's Command, as nest-commander hands it over (commander is its dependency, not ours). */
export type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/**
 * Settings every command of `budget` gets, subcommands included (commander does not pass
 * them down to commands added with addCommand):
 * - failures go through the exit override, which throws instead of calling process.exit,
 *   so they reach the one error mapper (main.ts) and end with exit code 2;
 * - surplus arguments are an error: `budget users add Nguyễn Văn A` without quotes must
 *   not create a user called "Nguyễn".
 */
export function configureCommand(command: CommanderCommand): void {
  command.exitOverride((error) => {
    throw error;
  });
  command.allowExcessArguments(false);
  command.helpOption('-h, --help', 'hướng dẫn / display help');
}

/**
 * Base of every leaf command: the shared `--data DIR` and `--json` options, resolved into
 * a CliContext, and the common commander settings. Subclasses implement `execute`.
 */
export abstract class BudgetCommand<O extends CommonOptions = CommonOptions> extends CommandRunner {
  @Option({
    flags: '--data <dir>',
    description:
      'thư mục dữ liệu (mặc định BUDGET_DATA_DIR, rồi ./data) / data folder (default BUDGET_DATA_DIR, then ./data)',
  })
  parseData(value: string): string {
    return value;
  }

  @Option({
    flags: '--json',
    description: 'in đúng một tài liệu JSON ra stdout / print exactly one JSON document on stdout',
  })
  parseJson(): boolean {
    return true;
  }

  override setCommand(command: CommanderCommand): this {
    configureCommand(command);
    return super.setCommand(command);
  }

  async run(params: string[], options?: Record<string, unknown>): Promise<void> {
    const given = (options ?? {}) as O;
    await this.execute(params, given, createContext(given));
  }

  protected abstract execute(params: string[], options: O, cli: CliContext): Promise<void>;
}

/** A command that only groups subcommands (`budget users …`). */
export abstract class CommandGroup extends CommandRunner {
  override setCommand(command: CommanderCommand): this {
    configureCommand(command);
    // An operand that is no subcommand reaches run(), to be named there.
    command.allowExcessArguments(true);
    return super.setCommand(command);
  }

  async run([operand]: string[]): Promise<void> {
    const group = this.command.name();
    const names = this.command.commands.map((c) => c.name()).join(', ');
    throw UsageError.of(group, {
      vi: `budget ${group}: ${operand === undefined ? 'thiếu lệnh con' : `không có lệnh con '${operand}'`} (một trong: ${names})`,
      en: `budget ${group}: ${operand === undefined ? 'missing subcommand' : `unknown subcommand '${operand}'`} (one of: ${names})`,
    });
  }
}
